// Registry views of chosen tools plus router-owned tools.
import { describe, expect, it } from "vitest";
import { createToolRegistry, defineTool } from "../tool/index.js";
import { testTools } from "../test-support/tools.js";
import { registryView } from "./compose-registry.js";

describe("registryView", () => {
  const { registry } = testTools();
  const meta = createToolRegistry({
    tools: [defineTool({ name: "search_tools", description: "Find tools.", area: "routing", risk: "read", input: { type: "object", properties: {} }, execute: () => null })],
  }).tools[0]!;
  const view = registryView(registry, [registry.get("get_weather")!, registry.get("bank.transfer")!, meta], [{ name: "routing", description: "Find more tools" }]);

  it("holds exactly the given tools in order, finds them by canonical or provider name, and keeps only their areas", () => {
    expect(view.tools.map((tool) => tool.name)).toEqual(["get_weather", "bank.transfer", "search_tools"]);
    expect(view.specs().map((spec) => spec.name)).toEqual(["get_weather", "bank_transfer", "search_tools"]);
    expect(view.get("bank_transfer")?.name).toBe("bank.transfer");
    expect(view.get("search_tools")).toBe(meta);
    expect(view.get("explode")).toBeUndefined();
    expect(view.areas).toEqual([{ name: "weather", description: "Forecasts" }, { name: "banking", description: "Money" }, { name: "routing", description: "Find more tools" }]);
  });

  it("narrows further with subset", () => {
    const reads = view.subset((tool) => tool.risk === "read");
    expect(reads.tools.map((tool) => tool.name)).toEqual(["get_weather", "search_tools"]);
    expect(reads.areas.map((area) => area.name)).toEqual(["weather", "routing"]);
    expect(reads.get("bank.transfer")).toBeUndefined();
  });
});
