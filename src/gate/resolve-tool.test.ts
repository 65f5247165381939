import { describe, expect, it } from "vitest";
import { testTools } from "../test-support/tools.js";
import { resolveTool } from "./resolve-tool.js";

describe("resolveTool", () => {
  const { registry } = testTools();

  it("finds a tool by canonical and by provider-safe name", () => {
    expect(resolveTool("get_weather", registry)).toMatchObject({ ok: true, tool: { name: "get_weather" } });
    expect(resolveTool("bank_transfer", registry)).toMatchObject({ ok: true, tool: { name: "bank.transfer" } });
    expect(resolveTool("bank.transfer", registry)).toMatchObject({ ok: true, tool: { name: "bank.transfer" } });
  });

  it("names the closest tools for an unknown name", () => {
    const result = resolveTool("get_wether", registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("unknown_tool");
    expect(result.error.availableTools?.[0]).toBe("get_weather");
    expect(result.error.message).toContain("did you mean get_weather");
  });

  it("ranks substring matches first", () => {
    const result = resolveTool("transfer", registry);
    expect(!result.ok && result.error.availableTools?.[0]).toBe("bank_transfer");
  });
});
