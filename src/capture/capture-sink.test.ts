// Content capture through the real loop: a scripted model, a real registry and gate, a SQLite capture store.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../agent/index.js";
import { scriptedModel } from "../model/index.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import { captureSink } from "./capture-sink.js";
import { openCaptureStore } from "./capture-store.js";
import { combineRunSinks } from "./combine-sinks.js";
import { maskSensitive } from "./mask-sensitive.js";

const digest = (value: string) => `sha256:${createHmac("sha256", "test-key").update(value).digest("hex")}`;

function registry() {
  const lookup = defineTool({
    name: "lookup_contact",
    description: "Find a contact by name.",
    area: "contacts",
    risk: "read",
    sensitiveResult: ["/email"],
    input: z.object({ name: z.string() }),
    execute: ({ name }) => ({ name, email: "Secret.Person@example.org" }),
  });
  const send = defineTool({
    name: "send_note",
    description: "Send a note to an address.",
    area: "contacts",
    risk: "read",
    input: z.object({ to: z.string(), text: z.string() }),
    execute: () => ({ sent: true }),
  });
  const unused = defineTool({ name: "unused_tool", description: "Never shown.", area: "other", risk: "read", input: z.object({}), execute: () => ({}) });
  return createToolRegistry({ tools: [lookup, send, unused] });
}

describe("captureSink", () => {
  it("stores the run's messages and shown tools by trace id, masking a sensitive value wherever it reappears", async () => {
    const store = await openCaptureStore("sqlite::memory:");
    const tools = registry();
    const model = scriptedModel([
      { toolCalls: [{ name: "lookup_contact", arguments: '{"name":"Sam"}' }] },
      { toolCalls: [{ name: "send_note", arguments: '{"to":"secret.person@example.org","text":"hi"}' }] },
      "Sent to SECRET.PERSON@example.org.",
    ]);
    const seen: string[] = [];
    const spy = { record: () => void seen.push("other sink") };
    const trace = await runAgent({
      model,
      tools: tools.subset((tool) => tool.name !== "unused_tool"),
      messages: [{ role: "user", content: "Tell Sam hi" }],
      sink: combineRunSinks(spy, captureSink(store, { registry: tools, redactionDigest: digest, source: "run", principal: { id: "alice" } })),
    });
    const captured = await store.get(trace.id);
    await store.close();

    expect(seen).toEqual(["other sink", "other sink"]);
    expect(captured).toBeDefined();
    expect(captured!.source).toBe("run");
    expect(captured!.principal).toEqual({ id: "alice" });
    expect(captured!.tools.map((tool) => tool.name)).toEqual(["lookup_contact", "send_note"]);
    expect(captured!.tools[0]!.inputSchema).toMatchObject({ type: "object", properties: { name: { type: "string" } } });
    expect(captured!.messages.map((message) => message.role)).toEqual(["user", "assistant", "tool", "assistant", "tool", "assistant"]);
    const text = JSON.stringify(captured!.messages);
    expect(text.toLowerCase()).not.toContain("secret.person@example.org");
    const marker = `[redacted:${digest("secret.person@example.org")}]`;
    expect(captured!.messages.at(-1)).toEqual({ role: "assistant", content: `Sent to ${marker}.` });
    const send = captured!.messages[3]!;
    expect(send.role === "assistant" && JSON.parse(send.toolCalls![0]!.arguments)).toEqual({ to: marker, text: "hi" });
    expect(captured!.redactions).toBe(3);
    expect(captured!.steps.map((step) => step.exposedTools)).toEqual([
      ["lookup_contact", "send_note"],
      ["lookup_contact", "send_note"],
      ["lookup_contact", "send_note"],
    ]);
  });
});

describe("maskSensitive", () => {
  it("masks the longer of two overlapping values whole and leaves other text as it was", () => {
    const { messages, masked } = maskSensitive(
      [
        { role: "user", content: "call 555-0100-22 or 555-0100" },
        { role: "system", content: "nothing here" },
      ],
      ["555-0100", "555-0100-22"],
      (value) => `d(${value})`,
    );
    expect(messages[0]).toEqual({ role: "user", content: "call [redacted:d(555-0100-22)] or [redacted:d(555-0100)]" });
    expect(messages[1]).toEqual({ role: "system", content: "nothing here" });
    expect(masked).toBe(1);
  });
});
