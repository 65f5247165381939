import { describe, expect, it } from "vitest";
import { createToolRegistry, defineTool } from "../tool/index.js";
import { testTools } from "../test-support/tools.js";
import { withExtraTools } from "./compose-registry.js";

describe("withExtraTools", () => {
  const { registry } = testTools();
  const extra = createToolRegistry({
    tools: [defineTool({ name: "search_tools", description: "Find tools.", area: "routing", risk: "read", input: { type: "object", properties: {} }, execute: () => null })],
  }).tools;
  const composed = withExtraTools(registry.subset((tool) => tool.name !== "explode"), extra, [{ name: "routing", description: "Find more tools" }]);

  it("appends extra tools after the catalogue subset and finds both by name", () => {
    expect(composed.tools.map((tool) => tool.name)).toEqual(["get_weather", "bank.transfer", "search_tools"]);
    expect(composed.specs().map((spec) => spec.name)).toEqual(["get_weather", "bank_transfer", "search_tools"]);
    expect(composed.get("bank_transfer")?.name).toBe("bank.transfer");
    expect(composed.get("search_tools")).toBe(extra[0]);
    expect(composed.get("explode")).toBeUndefined();
    expect(composed.areas.map((area) => area.name)).toEqual(["weather", "banking", "routing"]);
  });

  it("narrows both parts with subset, and is the base itself without extras", () => {
    expect(composed.subset((tool) => tool.risk === "read").tools.map((tool) => tool.name)).toEqual(["get_weather", "search_tools"]);
    expect(withExtraTools(registry, [])).toBe(registry);
  });
});
