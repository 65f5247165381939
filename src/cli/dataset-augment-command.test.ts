// `toolgate dataset augment` in-process: variants written after each row with the typed values swapped, the report
// printed; a bad option is refused by name with exit 1, before anything is written.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { tempDirs } from "./test-support/temp-dir.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const row = {
  messages: [
    { role: "user", content: "Cancel appointment A-5012 please." },
    { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "cancel_appointment", arguments: JSON.stringify({ appointment_id: "A-5012" }) } }] },
    { role: "tool", tool_call_id: "call_1", content: '{"cancelled":"A-5012"}' },
    { role: "assistant", content: "A-5012 is cancelled." },
  ],
  tools: [{ type: "function", function: { name: "cancel_appointment", parameters: { type: "object", properties: { appointment_id: { type: "string", pattern: "^A-\\d+$" } }, required: ["appointment_id"] } } }],
};

describe("toolgate dataset augment", () => {
  it("writes each row followed by its variants, the typed value swapped everywhere", async () => {
    const cwd = dirs.make();
    const source = join(cwd, "rows.jsonl");
    writeFileSync(source, `${JSON.stringify(row)}\n`);
    const out = join(cwd, "augmented.jsonl");
    const run = capturedIo({ cwd });
    expect(await main(["dataset", "augment", source, "-o", out, "--variants", "2", "--seed", "3"], run)).toBe(0);
    expect(run.out()).toContain("1 rows, 1 with values to swap → 2 variants → 3 rows");
    expect(run.out()).toContain("swapped: 2 digits");
    const rows = readFileSync(out, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { messages: { content: string | null; tool_calls?: { function: { arguments: { appointment_id: string } } }[] }[]; meta: { id: string; extra?: { augmentedFrom?: string } } });
    expect(rows).toHaveLength(3);
    for (const variant of rows.slice(1)) {
      const id = variant.messages[1]!.tool_calls![0]!.function.arguments.appointment_id;
      expect(id).toMatch(/^A-[1-9]\d{3}$/);
      expect(id).not.toBe("A-5012");
      expect(variant.messages.map((message) => message.content)).toEqual([`Cancel appointment ${id} please.`, null, `{"cancelled":"${id}"}`, `${id} is cancelled.`]);
      expect(variant.meta.extra?.augmentedFrom).toBe(rows[0]!.meta.id);
    }
  });

  it("refuses a bad option by name, writing nothing", async () => {
    const cwd = dirs.make();
    const source = join(cwd, "rows.jsonl");
    writeFileSync(source, `${JSON.stringify(row)}\n`);
    const run = capturedIo({ cwd });
    expect(await main(["dataset", "augment", source, "-o", join(cwd, "out.jsonl"), "--variants", "none"], run)).toBe(1);
    expect(run.err()).toContain("augment: variants must be a whole number ≥ 1, got NaN");
    expect(existsSync(join(cwd, "out.jsonl"))).toBe(false);
  });
});
