// fitToContext: the router's choice when it fits, else the best-ranked tools that do, counted by a real model's tokenizer (tiny GGUF) and by a plain counter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerServiceCatalog } from "../examples/index.js";
import type { ContextWindow, ModelAdapter } from "../model/index.js";
import { createModel } from "../model/index.js";
import type { ChatMessage } from "../record/index.js";
import { describeWithShared, sharedAvailable, tinyModelPath, whenShared } from "../test-support/shared-data.js";
import { createToolRegistry } from "../tool/index.js";
import { createBm25Router } from "./bm25-router.js";
import { fitToContext } from "./context-budget.js";
import type { SelectToolsContext } from "./types.js";

const catalog = createCustomerServiceCatalog();
afterAll(() => catalog.close());
const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
const ask = (text: string): SelectToolsContext => ({
  step: 0,
  messages: [{ role: "system", content: "Be brief." }, { role: "user", content: text }] satisfies ChatMessage[],
  registry,
  signal: new AbortController().signal,
});
const names = (selection: { tools: { tools: readonly { name: string }[] } }) => selection.tools.tools.map((tool) => tool.name);

/** A window that counts a prompt as its JSON length over four: enough to test the ranking and the cut exactly. */
function lengthWindow(contextSize: number, maxOutputTokens: number): ContextWindow {
  return {
    contextSize,
    maxOutputTokens,
    promptLimit: contextSize - maxOutputTokens,
    promptTokens: async ({ messages, tools }) => Math.ceil(JSON.stringify({ messages, tools }).length / 4),
  };
}

describe("fitToContext with a length-counting window", () => {
  it("passes the router's choice through, with the budget recorded, when it fits", async () => {
    const selection = await fitToContext(lengthWindow(1_000_000, 1000))(ask("refund my order"));
    expect(selection.tools.tools).toHaveLength(registry.tools.length);
    expect(selection.routing).toMatchObject({ router: "flat", budget: { contextSize: 1_000_000, reservedOutputTokens: 1000, toolsOffered: 13, toolsExposed: 13 } });
    expect(selection.routing.reason).toBe("all 13 tools");
  });

  it("keeps the best-ranked tools that fit, in registry order, and says how many fit", async () => {
    const window = lengthWindow(1800, 300);
    const selection = await fitToContext(window)(ask("Please refund the double charge on order 1042"));
    const exposed = names(selection);
    expect(exposed.length).toBeGreaterThan(0);
    expect(exposed.length).toBeLessThan(13);
    // The flat router ranks nothing, so BM25 between the request and the tools decides: the refund tool survives.
    expect(exposed).toContain("issue_refund");
    const order = registry.tools.map((tool) => tool.name);
    expect(exposed).toEqual([...exposed].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    const budget = selection.routing.budget!;
    expect(budget).toMatchObject({ contextSize: 1800, reservedOutputTokens: 300, toolsOffered: 13, toolsExposed: exposed.length });
    expect(budget.promptTokens).toBeLessThanOrEqual(window.promptLimit);
    expect(budget.promptTokens).toBe(await window.promptTokens({ messages: ask("Please refund the double charge on order 1042").messages, tools: selection.tools.specs() }));
    // The cut is as long as the budget allows: every tool of the catalogue documented would not fit.
    expect(await window.promptTokens({ messages: ask("Please refund the double charge on order 1042").messages, tools: registry.specs() })).toBeGreaterThan(window.promptLimit);
    expect(selection.routing.reason).toBe(`all 13 tools; ${exposed.length} of 13 tools fit the context (${budget.promptTokens} prompt tokens of 1500; 300 kept for output)`);
    expect(Object.keys(selection.routing.scores ?? {})).toContain("issue_refund");
  });

  it("cuts by the router's own scores when it has them", async () => {
    const bm25 = createBm25Router({ k: 6 });
    const roomy = await fitToContext(lengthWindow(1_000_000, 10), bm25)(ask("cancel my appointment and email me a confirmation"));
    const tight = await fitToContext(lengthWindow(900, 10), bm25)(ask("cancel my appointment and email me a confirmation"));
    expect(names(tight).length).toBeLessThan(names(roomy).length);
    const best = Object.entries(roomy.routing.scores!).sort((a, b) => b[1] - a[1]).map(([name]) => name);
    expect(names(tight)).toEqual(expect.arrayContaining(best.slice(0, names(tight).length)));
    expect(tight.routing.router).toBe("bm25");
    expect(Object.keys(tight.routing.scores!).sort()).toEqual([...names(tight)].sort());
  });

  it("exposes no tools when not even the conversation fits, leaving the model to say what overflowed", async () => {
    const selection = await fitToContext(lengthWindow(40, 10))(ask("refund my order please, the one from last week"));
    expect(selection.tools.tools).toHaveLength(0);
    expect(selection.routing.budget).toMatchObject({ toolsExposed: 0, toolsOffered: 13 });
  });
});

const modelPath = whenShared(["models", "llama-2-tiny-random.gguf"], tinyModelPath, "");
let model: ModelAdapter | undefined;
beforeAll(async () => {
  if (!sharedAvailable("models", "llama-2-tiny-random.gguf")) return;
  model = await createModel(`llama:${modelPath}`, { threads: 2, contextSize: 2048, maxOutputTokens: 4 });
}, 120_000);
afterAll(async () => {
  await model?.close?.();
});

describeWithShared("fitToContext with the tiny GGUF's own tokenizer and template", () => {
  it("fits the example catalogue into a 2048-token context, and the model then answers with those tools", async () => {
    const window = model!.contextWindow!;
    const context = ask("I was charged twice, please refund order 1042");
    const selection = await fitToContext(window)(context);
    const exposed = names(selection);
    // The whole catalogue documented takes over 4000 tokens with this template; a few tools fit in 2048.
    expect(await window.promptTokens({ messages: context.messages, tools: registry.specs() })).toBeGreaterThan(window.promptLimit);
    expect(exposed.length).toBeGreaterThan(0);
    expect(exposed.length).toBeLessThan(13);
    expect(exposed).toContain("issue_refund");
    expect(selection.routing.budget!.promptTokens).toBeLessThanOrEqual(window.promptLimit);
    expect(selection.routing.budget!.promptTokens).toBe(await window.promptTokens({ messages: context.messages, tools: selection.tools.specs() }));
    // What was counted is what the model reads: the request with exactly these tools generates without overflowing.
    const response = await model!.generate({ messages: [...context.messages], tools: selection.tools.specs(), seed: 7 });
    expect(response.usage.outputTokens).toBeLessThanOrEqual(4);
  });
}, "models", "llama-2-tiny-random.gguf");
