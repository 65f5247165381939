// The scripted teacher over real HTTP on loopback: the ground-truth call, a slip then its correction, text otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeacherServer } from "./teacher-server.js";
import { slipped, startTeacher } from "./teacher-server.js";

let teacher: TeacherServer;
beforeAll(async () => {
  teacher = await startTeacher(new Map([
    ["Cancel appointment A-5001.", { call: { name: "cancel_appointment", arguments: { appointment_id: "A-5001" } } }],
    ["Book slot S-12 for customer C-2001.", { call: { name: "book_appointment", arguments: { customer_id: "C-2001", slot_id: "S-12" } }, slip: true }],
  ]));
});
afterAll(() => teacher.close());

async function ask(messages: unknown[]) {
  const url = teacher.modelSpec.replace(/^openai-compatible:/, "").replace(/#.*$/, "");
  const response = await fetch(`${url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "teacher", messages }) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { choices: { message: { content: string | null; tool_calls?: { function: { name: string; arguments: string } }[] } }[] };
  return body.choices[0]!.message;
}

describe("scripted teacher", () => {
  it("answers a known request with its ground-truth call, as an OpenAI tool call with JSON-string arguments", async () => {
    const message = await ask([{ role: "system", content: "s" }, { role: "user", content: "Cancel appointment A-5001." }]);
    expect(message.tool_calls?.[0]?.function).toEqual({ name: "cancel_appointment", arguments: JSON.stringify({ appointment_id: "A-5001" }) });
  });

  it("slips first (a misspelled argument name), then corrects after the gate's error, then stops with text", async () => {
    const user = { role: "user", content: "Book slot S-12 for customer C-2001." };
    const first = await ask([user]);
    expect(JSON.parse(first.tool_calls![0]!.function.arguments)).toEqual({ customer_di: "C-2001", slot_id: "S-12" });
    const rejected = { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: first.tool_calls![0]!.function }] };
    const second = await ask([user, rejected, { role: "tool", tool_call_id: "c1", content: '{"ok":false}' }]);
    expect(JSON.parse(second.tool_calls![0]!.function.arguments)).toEqual({ customer_id: "C-2001", slot_id: "S-12" });
    const third = await ask([user, rejected, { role: "tool", tool_call_id: "c1", content: "{}" }, { role: "assistant", content: null, tool_calls: [{ id: "c2", type: "function", function: second.tool_calls![0]!.function }] }, { role: "tool", tool_call_id: "c2", content: "{}" }]);
    expect(third.tool_calls).toBeUndefined();
    expect(third.content).toBe("Done.");
  });

  it("answers an unknown request with text, and misspells short and long argument names", async () => {
    expect((await ask([{ role: "user", content: "What's the weather?" }])).content).toMatch(/only help/);
    expect(slipped({ name: "t", arguments: { id: 1 } }).arguments).toEqual({ idx: 1 });
    expect(teacher.counts).toMatchObject({ slips: 1, corrections: 1 });
  });
});
