// Value-swap augmentation: values the user typed are replaced consistently (user text, arguments, tool results), by
// shape, re-verified against the schema, with provenance in meta; enums and values not in the text stay; bad options
// are refused by name.
import { describe, expect, it } from "vitest";
import type { DatasetRecord } from "../record.js";
import { augmentRecords, AugmentOptionsError } from "./augment.js";
import { drawLike, valueShape } from "./value-shapes.js";

const bookTool = {
  type: "function" as const,
  function: {
    name: "book_appointment",
    description: "Book a slot.",
    parameters: {
      type: "object",
      properties: { customer_id: { type: "string", pattern: "^C-\\d{4}$" }, slot_id: { type: "string" }, day: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }, amount_cents: { type: "integer", minimum: 100 }, kind: { type: "string", enum: ["new", "repeat"] } },
      required: ["customer_id", "slot_id"],
    },
  },
};

function row(id: string, user: string, args: Record<string, string | number>, result: string, conversationId?: string): DatasetRecord {
  return {
    messages: [
      { role: "system", content: "Clinic assistant." },
      { role: "user", content: user },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "book_appointment", arguments: args } }] },
      { role: "tool", tool_call_id: "call_1", content: result },
      { role: "assistant", content: "Booked." },
    ],
    tools: [bookTool],
    meta: { id, source: { format: "trace" }, category: "single", ...(conversationId ? { conversationId } : {}) },
  };
}

const booking = row("r1", "Book slot S-45 for customer C-2249 on 2026-12-14, 2500 cents, new patient.", { customer_id: "C-2249", slot_id: "S-45", day: "2026-12-14", amount_cents: 2500, kind: "new" }, '{"appointment":"A-9","customer_id":"C-2249","slot_id":"S-45"}');

describe("value shapes", () => {
  it("reads the shape from the value", () => {
    expect([valueShape("2026-12-14"), valueShape("2026-13-40"), valueShape("C-2249"), valueShape("Lopez"), valueShape(2500), valueShape(true)]).toEqual(["date", "digits", "digits", "pooled", "number", undefined]);
  });
  it("draws a value of the same shape", () => {
    const random = (() => {
      let state = 0.13;
      return () => (state = (state * 9301 + 0.49297) % 1);
    })();
    for (let index = 0; index < 50; index += 1) {
      expect(drawLike("C-2249", "digits", random, { dateSpanDays: 30 })).toMatch(/^C-[1-9]\d{3}$/);
      const amount = drawLike(2500, "number", random, { dateSpanDays: 30 }) as number;
      expect(amount % 100).toBe(0);
      expect(amount).toBeGreaterThanOrEqual(1000);
      expect(amount).toBeLessThan(10_000);
      const day = drawLike("2026-12-14", "date", random, { dateSpanDays: 30 }) as string;
      expect(Math.abs(Date.parse(day) - Date.parse("2026-12-14")) / 86_400_000).toBeGreaterThanOrEqual(1);
      expect(Math.abs(Date.parse(day) - Date.parse("2026-12-14")) / 86_400_000).toBeLessThanOrEqual(30);
    }
    expect(drawLike("Lopez", "pooled", random, { dateSpanDays: 30 }, ["Lopez"])).toBeUndefined();
    expect(drawLike("Lopez", "pooled", random, { dateSpanDays: 30 }, ["Lopez", "Berg"])).toBe("Berg");
  });
});

describe("augmentRecords", () => {
  it("replaces each typed value consistently in the user text, the arguments and the tool result", () => {
    const { records, report } = augmentRecords([booking], { variants: 3, seed: 7 });
    expect(records.map((record) => record.meta.id)).toEqual(["r1", "r1~swap1", "r1~swap2", "r1~swap3"]);
    expect(records[0]).toBe(booking);
    const values = new Set<string>();
    for (const variant of records.slice(1)) {
      const user = variant.messages[1]!.content as string;
      const call = variant.messages[2]!.role === "assistant" ? variant.messages[2]!.tool_calls![0]!.function.arguments as Record<string, string | number> : {};
      const result = JSON.parse(variant.messages[3]!.content as string) as Record<string, string>;
      expect(user).toBe(`Book slot ${call.slot_id} for customer ${call.customer_id} on ${call.day}, ${call.amount_cents} cents, new patient.`);
      expect(call.customer_id).toMatch(/^C-\d{4}$/);
      expect(call.customer_id).not.toBe("C-2249");
      expect(call.slot_id).not.toBe("S-45");
      expect(typeof call.amount_cents).toBe("number");
      expect(call.kind).toBe("new"); // an enum value is never swapped
      expect(result).toEqual({ appointment: "A-9", customer_id: call.customer_id, slot_id: call.slot_id });
      expect(variant.meta.conversationId).toBe("r1");
      expect(variant.meta.extra?.augmentedFrom).toBe("r1");
      values.add(String(call.customer_id));
    }
    expect(values.size).toBe(3);
    expect(report).toMatchObject({ rows: 1, swappable: 1, variants: 3, rowsAfter: 4, swapsByShape: { digits: 6, date: 3, number: 3 }, skipped: { "enum or const": 1 }, rejected: [] });
  });

  it("is deterministic per seed and row", () => {
    const a = augmentRecords([booking], { variants: 2, seed: 11 }).records;
    const b = augmentRecords([row("other", "Book slot S-12 for customer C-2000.", { customer_id: "C-2000", slot_id: "S-12" }, "{}"), booking], { variants: 2, seed: 11 }).records;
    expect(b.slice(3)).toEqual(a);
    expect(augmentRecords([booking], { variants: 2, seed: 12 }).records).not.toEqual(a);
  });

  it("leaves values the user did not type, and whole words only (S-4 is not inside S-45)", () => {
    const untyped = row("r2", "Book my usual slot for customer C-2249.", { customer_id: "C-2249", slot_id: "S-4" }, "{}");
    const { records, report } = augmentRecords([untyped], { variants: 1, seed: 1 });
    const call = records[1]!.messages[2]!.role === "assistant" ? records[1]!.messages[2]!.tool_calls![0]!.function.arguments as Record<string, string> : {};
    expect(call.slot_id).toBe("S-4");
    expect(call.customer_id).not.toBe("C-2249");
    expect(report.skipped).toEqual({ "not in the user's text": 1 });
    const noValues = row("r3", "Book something for me.", { customer_id: "C-2249", slot_id: "S-4" }, "{}");
    expect(augmentRecords([noValues], { variants: 2, seed: 1 })).toMatchObject({ records: [noValues], report: { swappable: 0, variants: 0 } });
  });

  it("draws names from the same parameter's other values, and gives up on a row whose pool has none", () => {
    const named = (id: string, name: string) => ({ ...row(id, `Find the customer named ${name}.`, {}, "[]"), messages: [{ role: "user" as const, content: `Find the customer named ${name}.` }, { role: "assistant" as const, content: null, tool_calls: [{ id: "c", type: "function" as const, function: { name: "find_customer", arguments: { name } } }] }], tools: [{ type: "function" as const, function: { name: "find_customer", parameters: { type: "object", properties: { name: { type: "string" } } } } }] });
    const { records } = augmentRecords([named("a", "Lopez"), named("b", "Berg")], { variants: 1, seed: 3 });
    expect(records.map((record) => record.messages[0]!.content)).toEqual(["Find the customer named Lopez.", "Find the customer named Berg.", "Find the customer named Berg.", "Find the customer named Lopez."]);
    const alone = augmentRecords([named("a", "Lopez")], { variants: 1, seed: 3 });
    expect(alone.records).toHaveLength(1);
    expect(alone.report.rejected).toEqual([{ id: "a", variant: 1, kind: "no-fresh-value", message: expect.stringContaining("no value") }]);
  });

  it("redraws a variant the schema refuses, and reports the variants it gives up on", () => {
    // A minimum the drawn numbers cannot meet: every draw of 150 (one significant digit pair) fails `minimum: 1000`.
    const strict = { ...bookTool, function: { ...bookTool.function, parameters: { ...bookTool.function.parameters, properties: { ...bookTool.function.parameters.properties, amount_cents: { type: "integer", minimum: 990, maximum: 999 } } } } };
    const refund = { ...row("r4", "Charge 995 cents to C-2249 for slot S-45.", { customer_id: "C-2249", slot_id: "S-45", amount_cents: 995 }, "{}"), tools: [strict] };
    const { records, report } = augmentRecords([refund], { variants: 2, seed: 5, attempts: 2 });
    for (const variant of records.slice(1)) {
      const call = variant.messages[2]!.role === "assistant" ? variant.messages[2]!.tool_calls![0]!.function.arguments as Record<string, number> : {};
      expect(call.amount_cents).toBeGreaterThanOrEqual(990);
    }
    expect(report.variants + report.rejected.length).toBe(2);
    expect(report.rejected.every((entry) => entry.kind.length > 0 && entry.id === "r4")).toBe(true);
  });

  it("refuses bad options by name", () => {
    expect(() => augmentRecords([booking], { variants: 0, seed: 1 })).toThrow(AugmentOptionsError);
    expect(() => augmentRecords([booking], { variants: 2, seed: 1.5 })).toThrow(/seed must be a whole number/);
    expect(() => augmentRecords([booking], { variants: 2, seed: 1, shapes: ["colour" as never] })).toThrow(/unknown shape\(s\) colour/);
  });
});
