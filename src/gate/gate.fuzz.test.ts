// Fuzz: 10,000+ random and malformed proposed calls; the gate must answer each with structure and never run a tool on invalid input.
import fc from "fast-check";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { defineTool } from "../tool/define-tool.js";
import { createToolRegistry } from "../tool/registry.js";
import type { ProposedCall, ToolErrorCode } from "../record/index.js";
import { createGate } from "./gate.js";

const schemas = {
  transfer: { type: "object", properties: { to: { type: "string", minLength: 1, maxLength: 64 }, amount: { type: "integer", minimum: 1, maximum: 10_000 }, memo: { type: "string" } }, required: ["to", "amount"], additionalProperties: false },
  search: { type: "object", properties: { query: { type: "string" }, limit: { type: "integer", minimum: 1, maximum: 50 }, filters: { type: "object", properties: { tags: { type: "array", items: { type: "string" } }, since: { type: "string", format: "date" } }, additionalProperties: false } }, required: ["query"] },
  toggle: { type: "object", properties: { on: { type: "boolean" }, level: { type: "number" }, mode: { enum: ["a", "b"] } }, required: ["on"], additionalProperties: false },
} as const;

const errorCodes: ToolErrorCode[] = ["invalid_json", "unknown_tool", "invalid_arguments", "tool_error"];

describe("gate fuzz", () => {
  it("answers 10,000+ random and malformed calls with structure, never executing invalid arguments", async () => {
    // An independent validator: the tools themselves check what they were given.
    const referee = new Ajv2020({ strict: false, allErrors: false });
    const executedInvalid: unknown[] = [];
    let executions = 0;
    const tools = Object.entries(schemas).map(([name, schema]) => {
      const check = referee.compile(schema);
      return defineTool({
        name,
        description: `fuzz target ${name}`,
        area: "fuzz",
        risk: "write",
        input: schema as unknown as Record<string, unknown>,
        execute: (args) => {
          executions++;
          if (!check(args)) executedInvalid.push(args);
          return { echoed: Object.keys(args as object).length };
        },
      });
    });
    // One gate answers all 10,500 calls as one "run": the default call caps and rate limits would refuse most of them.
    const gate = createGate({ registry: createToolRegistry({ tools }), callCaps: false, rateLimits: [] });
    const signal = new AbortController().signal;

    const names = fc.oneof(
      fc.constantFrom("transfer", "search", "toggle"),
      fc.constantFrom("Transfer", "transfer ", "__proto__", "constructor", "toString", "", "search.v2", "toggle\u0000"),
      fc.string({ maxLength: 40 }),
    );
    const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "to", "amount", "query", "on");
    const jsonish = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 10 }),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie("value"), { maxKeys: 5 }),
      ),
    })).value;
    const validish = fc.oneof(
      fc.record({ to: fc.string({ minLength: 1, maxLength: 64 }), amount: fc.integer({ min: -5, max: 20_000 }) }),
      fc.record({ query: fc.string(), limit: fc.oneof(fc.integer(), fc.double(), fc.constant("10")) }, { requiredKeys: ["query"] }),
      fc.record({ on: fc.oneof(fc.boolean(), fc.constantFrom(0, 1, "true")), mode: fc.constantFrom("a", "b", "c") }, { requiredKeys: [] }),
    );
    const argumentText = fc.oneof(
      jsonish.map((value) => JSON.stringify(value) ?? "null"),
      validish.map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 60 }),
      fc.constantFrom('{"to":"a","amount":1,}', "{'to': 'a', 'amount': 2}", '{"__proto__":{"amount":1},"to":"x","amount":3}', '{"constructor":{"prototype":{"polluted":true}},"on":true}', "```json\n{\"on\": true}\n```", "{\"on\": True}", "null", "[]", "\"\"", "{", "}", "\u0000"),
      fc.integer({ min: 1, max: 300 }).map((depth) => `{"query":"q","filters":${"{\"tags\":[".repeat(depth)}${"]}".repeat(depth)}}`),
      fc.integer({ min: 1_000, max: 200_000 }).map((size) => `{"to":"${"x".repeat(size)}","amount":5}`),
      fc.integer({ min: 500, max: 50_000 }).map((depth) => "[".repeat(depth)),
      fc.constantFrom('{"amount": 1e400, "to": "x"}', '{"amount": 12345678901234567890, "to": "x"}', '{"amount": 1.0, "to": "x"}', '{"level": NaN, "on": true}'),
    );
    const call = fc.record({ id: fc.string({ maxLength: 10 }), name: names, arguments: argumentText });

    const calls: ProposedCall[] = fc.sample(call, { numRuns: 10_500, seed: 20261121 });
    const outcomes = new Map<string, number>();
    for (const [index, proposed] of calls.entries()) {
      const record = await gate.handle(proposed, { traceId: "fuzz", step: 0, index, signal });
      const key = record.outcome.ok ? "ok" : record.outcome.error.code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (!record.outcome.ok) {
        expect(errorCodes).toContain(record.outcome.error.code);
        expect(typeof record.outcome.error.message).toBe("string");
        expect(record.outcome.error.message.length).toBeGreaterThan(0);
        expect(record.status === "rejected" || record.status === "failed").toBe(true);
      } else {
        expect(record.status).toBe("succeeded");
      }
      // The envelope the model receives always serialises.
      expect(() => JSON.stringify(record.outcome)).not.toThrow();
    }

    expect(calls.length).toBeGreaterThanOrEqual(10_000);
    expect(executedInvalid).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "amount")).toBe(false);
    // The sample exercises every path, not only one.
    expect(outcomes.get("ok") ?? 0).toBeGreaterThan(100);
    expect(executions).toBe(outcomes.get("ok"));
    for (const code of ["invalid_json", "unknown_tool", "invalid_arguments"]) expect(outcomes.get(code) ?? 0).toBeGreaterThan(100);
    console.log(`fuzz: ${calls.length} calls →`, Object.fromEntries(outcomes));
  }, 120_000);
});
