// The shared end of every router: priorities, cap, registry order, decision record.
import { describe, expect, it } from "vitest";
import { createToolRegistry, defineTool } from "../tool/index.js";
import { RouterConfigError } from "./errors.js";
import { finishSelection } from "./finish-selection.js";

const tool = (name: string, area = "misc") =>
  defineTool({ name, description: `The ${name} tool.`, area, risk: "read", input: { type: "object", properties: {} }, execute: () => null });
const registry = createToolRegistry({ tools: ["a", "b", "c", "d", "e"].map((name) => tool(name)) });
const positions = new Map(registry.tools.map((entry, position) => [entry.name, position]));

describe("finishSelection", () => {
  it("exposes the router's choice in registry order and records scores and reason", () => {
    const { tools, routing } = finishSelection({ positions, router: "bm25", registry, preferred: ["d", "b"], scoreOf: (entry) => (entry.name === "d" ? 2.123456 : 1), reason: "top 2" });
    expect(tools.tools.map((entry) => entry.name)).toEqual(["b", "d"]);
    expect(routing).toEqual({ router: "bm25", scores: { b: 1, d: 2.1235 }, reason: "top 2" });
  });

  it("puts always-included and searched tools first and caps the rest, never cutting always-included ones", () => {
    const { tools, routing } = finishSelection({ positions, router: "bm25", registry, preferred: ["a", "b", "c"], reason: "top 3", alwaysInclude: ["e"], searched: ["d", "e", "unknown"], maxTools: 3 });
    expect(tools.tools.map((entry) => entry.name)).toEqual(["a", "d", "e"]);
    expect(routing.reason).toBe("top 3; 1 always included; +1 from search_tools; capped at 3 tools (2 left out)");
    const tight = finishSelection({ positions, router: "x", registry, preferred: ["a"], reason: "r", alwaysInclude: ["b", "c"], maxTools: 1 });
    expect(tight.tools.tools.map((entry) => entry.name)).toEqual(["b", "c"]);
  });

  it("refuses an always-included name the catalogue does not have, naming the fix", () => {
    expect(() => finishSelection({ positions, router: "x", registry, preferred: [], reason: "r", alwaysInclude: ["zz"] })).toThrow(RouterConfigError);
    expect(() => finishSelection({ positions, router: "x", registry, preferred: [], reason: "r", alwaysInclude: ["zz"] })).toThrow(/correct the name or remove it/);
  });
});
