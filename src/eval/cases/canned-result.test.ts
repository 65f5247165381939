// Canned results: the case's own, else the smallest value its result schema accepts, else { ok: true }.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { cannedResult, defaultCannedResult } from "./canned-result.js";

describe("cannedResult", () => {
  it("returns the case's literal result first", () => {
    expect(cannedResult({ result: { temperature: 21 }, returns: { type: "string" } })).toEqual({ temperature: 21 });
  });

  it("builds a minimal value that validates against the result schema", () => {
    const returns = {
      type: "object",
      properties: {
        id: { type: "string", minLength: 3 },
        count: { type: "integer", minimum: 1 },
        status: { enum: ["booked", "cancelled"] },
        tags: { type: "array", minItems: 2, items: { type: "string" } },
        nested: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] },
        optional: { type: "string" },
      },
      required: ["id", "count", "status", "tags", "nested"],
    };
    const value = cannedResult({ returns });
    expect(value).toEqual({ id: "xxx", count: 1, status: "booked", tags: ["", ""], nested: { ok: false } });
    expect(new Ajv2020({ strict: false }).validate(returns, value)).toBe(true);
  });

  it("falls back to { ok: true } without a schema", () => {
    expect(cannedResult({})).toEqual(defaultCannedResult);
    expect(defaultCannedResult).toEqual({ ok: true });
  });
});
