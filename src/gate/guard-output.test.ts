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
    expect(guarded.ok && guarded.truncated).toEqual({ maxResultBytes: 50, keptBytes: 49 });
    const result = guarded.ok ? (guarded.outcome.result as Record<string, unknown>) : {};
    expect(result[truncationMarker]).toEqual({ maxResultBytes: 50, keptBytes: 49, note: "the result is larger than 50 bytes; partialJson holds its first 49 bytes, cut mid-way" });
    expect(result.partialJson).toBe(`"${"€".repeat(16)}`);
  });

  it("stops serialising at the cap: a 100 MB result costs the cap, not its size", () => {
    const huge = { rows: "x".repeat(100 * 1024 * 1024) };
    const guarded = guardOutput("t", huge, { maxResultBytes: 64 * 1024 });
    expect(guarded.ok && guarded.truncated).toEqual({ maxResultBytes: 65_536, keptBytes: 65_536 });
    const result = guarded.ok ? (guarded.outcome.result as Record<string, string>) : {};
    expect(result.partialJson).toBe(`{"rows":"${"x".repeat(65_536 - 9)}`);
  });

  it("checks the output schema on the value as returned when it is over the cap", () => {
    const validateOutput = createSchemaCompiler()({ type: "object", required: ["id"] }, "t");
    expect(guardOutput("t", { rows: "x".repeat(1000) }, { validateOutput, maxResultBytes: 100 })).toMatchObject({ ok: false, error: { code: "invalid_output" } });
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
