// createRouter by name, options and custom function, its errors, and routing recorded in the Trace.
import { describe, expect, it } from "vitest";
import { runAgent } from "../agent/index.js";
import { scriptedModel } from "../model/index.js";
import { testTools } from "../test-support/tools.js";
import { createRouter, parseRouterName, routerNames } from "./create-router.js";
import { RouterConfigError } from "./errors.js";
import type { SelectToolsContext } from "./types.js";

const { registry } = testTools();
const ask = (text: string): SelectToolsContext => ({ step: 0, messages: [{ role: "user", content: text }], registry, signal: new AbortController().signal });

describe("createRouter", () => {
  it("builds each router by name or options object", async () => {
    expect((await createRouter("flat")(ask("x"))).routing).toEqual({ router: "flat", reason: "all 3 tools" });
    const bm25 = await createRouter({ router: "bm25", k: 1 })(ask("weather in Oslo"));
    expect(bm25.tools.tools.map((tool) => tool.name)).toEqual(["get_weather"]);
    const twoStage = await createRouter({ router: "two-stage", picker: "bm25", maxAreas: 1 })(ask("weather in Oslo"));
    expect(twoStage.routing.areas).toEqual(["weather"]);
    const hybrid = await createRouter({ router: "hybrid", maxAreas: 2 }, { model: scriptedModel([{ toolCalls: [{ name: "select_areas", arguments: '{"areas":["banking"]}' }] }]) })(ask("weather in Oslo"));
    expect(hybrid.tools.tools.map((tool) => tool.name)).toEqual(["get_weather", "bank.transfer", "search_tools"]);
  });

  it("passes example maps from deps to lexical routers", async () => {
    const router = createRouter({ router: "bm25", k: 1 }, { examples: { explode: ["blow it all up"] } });
    expect((await router(ask("blow it up"))).tools.tools.map((tool) => tool.name)).toEqual(["explode"]);
  });

  it("wraps a custom function, recording it as custom when it returns a bare registry", async () => {
    const router = createRouter(({ registry: all }) => all.subset((tool) => tool.risk === "read"));
    const { tools, routing } = await router(ask("x"));
    expect(tools.tools.map((tool) => tool.name)).toEqual(["get_weather", "explode"]);
    expect(routing).toEqual({ router: "custom" });
    const withDecision = createRouter(({ registry: all }) => ({ tools: all, routing: { router: "mine", reason: "because" } }));
    expect((await withDecision(ask("x"))).routing).toEqual({ router: "mine", reason: "because" });
  });

  it("refuses unknown names and missing dependencies with the fix", () => {
    expect(() => parseRouterName("semantic")).toThrow(RouterConfigError);
    expect(() => createRouter("semantic" as never)).toThrow(`unknown router "semantic"; choose one of ${routerNames.join(", ")}, or pass a function`);
    expect(() => createRouter("two-stage")).toThrow(/pass deps\.model/);
    expect(() => createRouter("embedding")).toThrow(/pass deps\.embeddingModel/);
  });

  it("records the routing decision in every step of the Trace when used as runAgent's selectTools", async () => {
    const model = scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }, "It is 21 degrees."]);
    const trace = await runAgent({ model, tools: registry, messages: [{ role: "user", content: "What is the weather in Oslo?" }], selectTools: createRouter({ router: "bm25", k: 1 }) });
    expect(trace.stopReason).toBe("no-tool-calls");
    expect(model.requests[0]!.tools.map((tool) => tool.name)).toEqual(["get_weather"]);
    for (const step of trace.steps) {
      expect(step.exposedTools).toEqual(["get_weather"]);
      expect(step.routing).toMatchObject({ router: "bm25", reason: "bm25 top 1 of 3" });
      expect(step.routing!.scores!.get_weather).toBeGreaterThan(0);
    }
    expect(trace.calls[0]).toMatchObject({ toolName: "get_weather", status: "succeeded" });
  });
});
