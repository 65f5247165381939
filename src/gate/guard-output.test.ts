import { describe, expect, it } from "vitest";
import { createSchemaCompiler } from "../tool/argument-validator.js";
import { guardOutput, truncationMarker } from "./guard-output.js";

describe("guardOutput", () => {
  it("passes JSON results through as plain data", () => {
    expect(guardOutput("t", { a: [1, "x", null], when: new Date("2026-01-01T00:00:00Z") })).toEqual({
      ok: true,
      outcome: { ok: true, result: { a: [1, "x", null], when: "2026-01-01T00:00:00.000Z" } },
    });
    expect(guardOutput("t", undefined)).toEqual({ ok: true, outcome: { ok: true, result: null } });
  });

  it("cuts an oversized result at a character boundary and says so", () => {
    const guarded = guardOutput("t", "€".repeat(100), { maxResultBytes: 50 });
    expect(guarded.ok && guarded.truncated).toEqual({ originalBytes: 302, keptBytes: 49 });
    const result = guarded.ok ? (guarded.outcome.result as Record<string, unknown>) : {};
    expect(result[truncationMarker]).toEqual({ originalBytes: 302, keptBytes: 49 });
    expect(result.partialJson).toBe(`"${"€".repeat(16)}`);
  });

  it("refuses results JSON cannot carry", () => {
    expect(guardOutput("t", { n: 10n })).toMatchObject({ ok: false, error: { code: "output_not_serializable", message: expect.stringContaining("BigInt") } });
    expect(guardOutput("t", { n: Number.NaN })).toMatchObject({ ok: false, error: { code: "output_not_serializable" } });
  });

  it("checks a declared output schema", () => {
    const validateOutput = createSchemaCompiler()({ type: "object", properties: { id: { type: "string" } }, required: ["id"] }, "t");
    expect(guardOutput("t", { id: "a" }, { validateOutput }).ok).toBe(true);
    expect(guardOutput("t", { id: 1 }, { validateOutput })).toMatchObject({ ok: false, error: { code: "invalid_output", path: "/id" } });
  });
});
