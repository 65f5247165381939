// Two-stage routing: model area picks, every fallback, memoising, and search_tools widening through runAgent.
import { afterAll, describe, expect, it } from "vitest";
import { runAgent } from "../agent/index.js";
import { createCustomerServiceCatalog } from "../examples/index.js";
import type { ChatMessage } from "../record/index.js";
import type { ModelRequest } from "../model/index.js";
import { scriptedModel } from "../model/index.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import { selectAreasName } from "./area-picker.js";
import { RouterConfigError } from "./errors.js";
import { searchToolsName } from "./search-tools-tool.js";
import { createTwoStageRouter } from "./two-stage-router.js";
import type { SelectToolsContext } from "./types.js";

const catalog = createCustomerServiceCatalog();
afterAll(() => catalog.close());
const registry = createToolRegistry({ tools: catalog.tools, areas: catalog.areas });
const context = (messages: ChatMessage[]): SelectToolsContext => ({ step: 0, messages, registry, signal: new AbortController().signal });
const ask = (text: string) => context([{ role: "user", content: text }]);
const names = (selection: { tools: { tools: readonly { name: string }[] } }) => selection.tools.tools.map((tool) => tool.name);
const pickAreas = (...areas: string[]) => ({ toolCalls: [{ name: selectAreasName, arguments: JSON.stringify({ areas }) }] });

// The customer-service catalogue has 3 areas: with the default maxAreas (3) every area fits in one pick and the model is
// never asked, so the tests of the model's pick set maxAreas 2.
describe("createTwoStageRouter", () => {
  it("exposes the tools of the area the model picks, plus search_tools, with scores and areas recorded", async () => {
    const model = scriptedModel([pickAreas("email")]);
    const { tools, routing } = await createTwoStageRouter({ maxAreas: 2 }, { model })(ask("Email every premier customer about the new opening hours"));
    expect(names({ tools })).toEqual(["send_email", "list_outbox", "send_bulk_email", searchToolsName]);
    expect(routing).toMatchObject({ router: "two-stage", areas: ["email"], reason: "areas email (3 tools)" });
    expect(Object.keys(routing.scores!)).toEqual(["send_email", "list_outbox", "send_bulk_email"]);
    // The area menu went to the model with a forced select_areas call whose argument is an enum of area names.
    const request = model.requests[0]!;
    expect(request.toolChoice).toEqual({ tool: selectAreasName });
    expect(request.tools[0]!.inputSchema).toMatchObject({ properties: { areas: { items: { enum: ["appointments", "accounts", "email"] } } } });
  });

  it("falls back to bm25 when the pick names no valid area", async () => {
    const model = scriptedModel([pickAreas("crm")]);
    const { tools, routing } = await createTwoStageRouter({ k: 2, maxAreas: 2 }, { model })(ask("Refund the double charge"));
    expect(names({ tools })).toContain("issue_refund");
    expect(tools.tools).toHaveLength(3);
    expect(routing.areas).toBeUndefined();
    expect(routing.reason).toBe('the model picked no known area ("crm"): fell back to bm25 top 2');
  });

  it("falls back when the pick names more areas than allowed", async () => {
    const model = scriptedModel([pickAreas("email", "accounts")]);
    const { routing } = await createTwoStageRouter({ maxAreas: 1 }, { model })(ask("Refund the double charge and email a receipt"));
    expect(routing.reason).toMatch(/^the model picked 2 areas, more than 1: fell back to bm25 top \d+$/);
  });

  it("falls back when the picked areas' tools score poorly against the request", async () => {
    const model = scriptedModel([pickAreas("email")]);
    const { tools, routing } = await createTwoStageRouter({ k: 1, maxAreas: 2 }, { model })(ask("Issue a refund for the double charge"));
    expect(routing.reason).toMatch(/^the picked areas \(email\) score poorly against the request \(best [\d.]+ vs [\d.]+ elsewhere\): fell back to bm25 top 1$/);
    expect(names({ tools })).toEqual(["issue_refund", searchToolsName]);
    const lenient = await createTwoStageRouter({ k: 1, poorScoreRatio: 0, maxAreas: 2 }, { model: scriptedModel([pickAreas("email")]) })(ask("Issue a refund for the double charge"));
    expect(lenient.routing.areas).toEqual(["email"]);
  });

  it("asks the model once per request, not once per step", async () => {
    const model = scriptedModel([pickAreas("appointments")]);
    const router = createTwoStageRouter({ maxAreas: 2 }, { model });
    const messages: ChatMessage[] = [{ role: "user", content: "Cancel my appointment" }];
    await router(context(messages));
    await router(context([...messages, { role: "assistant", content: "", toolCalls: [{ id: "1", name: "find_customer", arguments: "{}" }] }, { role: "tool", callId: "1", toolName: "find_customer", content: "{}" }]));
    expect(model.requests).toHaveLength(1);
  });

  it("records the area pick's model usage and latency on the decision that made the call, not on memoised or model-free picks", async () => {
    const model = scriptedModel([{ ...pickAreas("appointments"), delayMs: 20 }, pickAreas("nowhere")]);
    const router = createTwoStageRouter({ maxAreas: 2 }, { model });
    const first = await router(ask("Cancel my appointment"));
    expect(first.routing.usage).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15 });
    expect(first.routing.latencyMs).toBeGreaterThanOrEqual(15);
    const again = await router(ask("Cancel my appointment"));
    expect(again.routing.areas).toEqual(["appointments"]);
    expect(again.routing).not.toHaveProperty("usage");
    expect(again.routing).not.toHaveProperty("latencyMs");
    // A fallback still paid for the pick it did not use.
    const fallback = await router(ask("Refund the double charge"));
    expect(fallback.routing.reason).toMatch(/fell back to bm25/);
    expect(fallback.routing.usage?.totalTokens).toBe(15);
    const lexical = await createTwoStageRouter({ picker: "bm25", maxAreas: 1 })(ask("Email every premier customer"));
    expect(lexical.routing).not.toHaveProperty("usage");
  });

  it("asks again after a failed pick, and keeps picks apart per catalogue", async () => {
    const model = scriptedModel([() => Promise.reject(new Error("503")), pickAreas("email"), pickAreas("weather")]);
    const router = createTwoStageRouter({ maxAreas: 2 }, { model });
    const failed = await router(ask("Email every premier customer"));
    expect(failed.routing.reason).toMatch(/^the area pick failed \(503\): fell back to bm25/);
    expect((await router(ask("Email every premier customer"))).routing.areas).toEqual(["email"]);
    const other = createToolRegistry({
      tools: ["weather", "banking", "misc"].map((area) => defineTool({ name: `${area}_tool`, description: `Email about ${area}.`, area, risk: "read", input: { type: "object", properties: {} }, execute: () => null })),
    });
    expect((await router({ ...ask("Email every premier customer"), registry: other })).routing.areas).toEqual(["weather"]);
    expect(model.requests).toHaveLength(3);
  });

  it("picks areas lexically with picker bm25, and skips picking when every area fits in one pick", async () => {
    const { routing } = await createTwoStageRouter({ picker: "bm25", maxAreas: 1 })(ask("Email every premier customer"));
    expect(routing.areas).toEqual(["email"]);
    const model = scriptedModel([]);
    const wide = await createTwoStageRouter({ maxAreas: 3, maxTools: 50 }, { model })(ask("Email every premier customer"));
    expect(wide.routing.areas).toEqual(["appointments", "accounts", "email"]);
    expect(model.requests).toHaveLength(0);
  });

  it("names the fix when configured without a model or over a catalogue that already has search_tools", async () => {
    expect(() => createTwoStageRouter({})).toThrow(RouterConfigError);
    expect(() => createTwoStageRouter({})).toThrow(/pass deps\.model/);
    const clash = createToolRegistry({
      tools: [defineTool({ name: searchToolsName, description: "Mine.", area: "x", risk: "read", input: { type: "object", properties: {} }, execute: () => null })],
    });
    const router = createTwoStageRouter({ picker: "bm25" });
    await expect(router({ ...ask("find"), registry: clash })).rejects.toThrow(/rename that tool or set searchTool: false/);
  });

  it("as runAgent's selectTools: search_tools widens the next step, and each step's routing lands in the Trace", async () => {
    const sawTools = (request: ModelRequest) => request.tools.map((tool) => tool.name);
    const seen: string[][] = [];
    const model = scriptedModel([
      pickAreas("email"),
      (request) => {
        seen.push(sawTools(request));
        return { text: "", toolCalls: [{ id: "s1", name: searchToolsName, arguments: '{"query":"refund a charge"}' }], usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, finishReason: "tool-calls" };
      },
      (request) => {
        seen.push(sawTools(request));
        return { text: "I can refund that now.", toolCalls: [], usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, finishReason: "stop" };
      },
    ]);
    const trace = await runAgent({
      model,
      tools: registry,
      messages: [{ role: "user", content: "Send Maria an email about her invoice" }],
      selectTools: createTwoStageRouter({ k: 2, maxAreas: 2 }, { model }),
    });
    expect(trace.stopReason).toBe("no-tool-calls");
    expect(seen[0]).toEqual(["send_email", "list_outbox", "send_bulk_email", searchToolsName]);
    expect(seen[1]).toContain("issue_refund");
    expect(trace.calls[0]).toMatchObject({ toolName: searchToolsName, status: "succeeded" });
    expect(trace.steps[0]!.routing).toMatchObject({ router: "two-stage", areas: ["email"] });
    expect(trace.steps[1]!.routing!.reason).toMatch(/\+\d from search_tools/);
    expect(trace.steps[1]!.exposedTools).toEqual(seen[1]);
  });

  it("as runAgent's selectTools: the run's usage includes the area pick's model call", async () => {
    const answer = (text: string) => () => ({ text, toolCalls: [], usage: { inputTokens: 30, outputTokens: 4, totalTokens: 34 }, finishReason: "stop" as const });
    const model = scriptedModel([pickAreas("appointments"), answer("Which appointment?"), answer("Done.")]);
    const router = createTwoStageRouter({ maxAreas: 2 }, { model });
    const messages: ChatMessage[] = [{ role: "user", content: "Cancel my appointment" }];
    const first = await runAgent({ model, tools: registry, messages, selectTools: router });
    // The scripted area pick costs 15 tokens; the answer 34.
    expect(first.usage).toEqual({ inputTokens: 40, outputTokens: 9, totalTokens: 49 });
    expect(first.steps[0]!.usage.totalTokens).toBe(34);
    expect(first.steps[0]!.routing!.usage!.totalTokens).toBe(15);
    // The same request again reuses the pick: no model call for routing, nothing added.
    const second = await runAgent({ model, tools: registry, messages, selectTools: router });
    expect(second.usage.totalTokens).toBe(34);
    expect(model.requests).toHaveLength(3);
  });
});
