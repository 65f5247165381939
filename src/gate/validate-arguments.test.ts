import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../tool/define-tool.js";
import { createToolRegistry } from "../tool/registry.js";
import { testTools } from "../test-support/tools.js";
import { validateArguments } from "./validate-arguments.js";

describe("validateArguments", () => {
  const { registry } = testTools();
  const weather = registry.get("get_weather")!;
  const transfer = registry.get("bank.transfer")!;

  it("passes valid arguments through", () => {
    expect(validateArguments(weather, { city: "Paris", unit: "f" })).toEqual({ ok: true, value: { city: "Paris", unit: "f" } });
  });

  it("reports a wrong type with pointer, expected and received", () => {
    const result = validateArguments(transfer, { to: "acc-1", amount: "100" });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_arguments", path: "/amount", expected: "integer", received: 'string "100"' } });
  });

  it("points a missing required property at the property", () => {
    const result = validateArguments(transfer, { amount: 5 });
    expect(result).toMatchObject({ ok: false, error: { path: "/to", message: expect.stringContaining('missing required property "to"') } });
  });

  it("reports every problem, not only the first", () => {
    const result = validateArguments(transfer, { to: 7, amount: 0, extra: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = [result.error.path, ...(result.error.issues ?? []).map((issue) => issue.path)];
    expect(paths).toEqual(expect.arrayContaining(["/to", "/amount", "/extra"]));
    expect(result.error.message).toMatch(/invalid arguments for bank_transfer/);
  });

  it("lists enum values as expected", () => {
    const result = validateArguments(weather, { city: "Paris", unit: "kelvin" });
    expect(result).toMatchObject({ ok: false, error: { path: "/unit", expected: 'one of ["c","f"]', received: '"kelvin"' } });
  });

  it("runs Zod refinements JSON Schema cannot express", () => {
    const tool = createToolRegistry({
      tools: [defineTool({
        name: "range",
        description: "A date range.",
        area: "misc",
        risk: "read",
        input: z.object({ from: z.number(), to: z.number() }).refine((value) => value.from <= value.to, { message: "from must not be after to", path: ["from"] }),
        execute: () => null,
      })],
    }).get("range")!;
    expect(validateArguments(tool, { from: 2, to: 1 })).toMatchObject({ ok: false, error: { path: "/from", message: expect.stringContaining("from must not be after to") } });
    expect(validateArguments(tool, { from: 1, to: 2 }).ok).toBe(true);
  });
});
