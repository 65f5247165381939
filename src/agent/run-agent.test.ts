import { describe, expect, it } from "vitest";
import { z } from "zod";
import { memorySink } from "../gate/sinks.js";
import { scriptedModel } from "../model/scripted.js";
import { defineTool } from "../tool/define-tool.js";
import { testTools } from "../test-support/tools.js";
import { runAgent } from "./run-agent.js";
import { hasToolCall, stepCountIs } from "./stop-conditions.js";

const user = (content: string) => [{ role: "user" as const, content }];

describe("runAgent", () => {
  it("runs calls, feeds results back, and stops on a step without calls", async () => {
    const { registry } = testTools();
    const model = scriptedModel([
      { toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] },
      "It is 21°C in Paris.",
    ]);
    const sink = memorySink();
    const trace = await runAgent({ model, tools: registry, messages: user("weather?"), sink });
    expect(trace.stopReason).toBe("no-tool-calls");
    expect(trace.text).toBe("It is 21°C in Paris.");
    expect(trace.steps).toHaveLength(2);
    expect(trace.calls).toHaveLength(1);
    expect(sink.records.map((record) => record.id)).toEqual(trace.calls.map((call) => call.id));
    // The second model request carries the tool result in the envelope the model understands.
    const toolMessage = model.requests[1]!.messages.find((message) => message.role === "tool");
    expect(toolMessage && JSON.parse(toolMessage.content)).toEqual({ ok: true, result: { city: "Paris", temperature: 21, unit: "c" } });
    expect(trace.usage.totalTokens).toBe(15);
    expect(trace.steps[0]!.exposedTools).toEqual(["get_weather", "bank.transfer", "explode"]);
    expect(trace.output.map((message) => message.role)).toEqual(["assistant", "tool", "assistant"]);
  });

  it("runs one step's calls concurrently and appends results in call order", async () => {
    const started: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const wait = defineTool({
      name: "wait", description: "Waits.", area: "misc", risk: "read", input: z.object({ id: z.string(), ms: z.number() }),
      execute: async ({ id, ms }) => {
        started.push(id);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, ms));
        inFlight--;
        return id;
      },
    });
    const model = scriptedModel([
      { toolCalls: [60, 10, 40, 5, 20].map((ms, index) => ({ id: `c${index}`, name: "wait", arguments: JSON.stringify({ id: `c${index}`, ms }) })) },
      "done",
    ]);
    const trace = await runAgent({ model, tools: [wait], messages: user("go"), maxParallelCalls: 3 });
    expect(maxInFlight).toBe(3);
    expect(trace.calls.map((call) => call.proposed.id)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(trace.calls.map((call) => call.index)).toEqual([0, 1, 2, 3, 4]);
    const toolMessages = model.requests[1]!.messages.filter((message) => message.role === "tool");
    expect(toolMessages.map((message) => (message.role === "tool" ? message.callId : ""))).toEqual(["c0", "c1", "c2", "c3", "c4"]);
  });

  it("stops at max steps", async () => {
    const { registry } = testTools();
    const call = { toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] };
    const trace = await runAgent({ model: scriptedModel([call, call, call, call]), tools: registry, messages: user("loop"), maxSteps: 3 });
    expect(trace.stopReason).toBe("max-steps");
    expect(trace.steps).toHaveLength(3);
  });

  it("stops on a stop condition", async () => {
    const { registry } = testTools();
    const call = { toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] };
    const byTool = await runAgent({ model: scriptedModel([call, call]), tools: registry, messages: user("x"), stopWhen: hasToolCall("get_weather") });
    expect(byTool).toMatchObject({ stopReason: "stop-condition", steps: [{ index: 0 }] });
    const bySteps = await runAgent({ model: scriptedModel([call, call, call]), tools: registry, messages: user("x"), stopWhen: [stepCountIs(2)] });
    expect(bySteps.steps).toHaveLength(2);
  });

  it("applies tool choice to the first step, then returns to auto", async () => {
    const { registry } = testTools();
    const model = scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }, "ok"]);
    await runAgent({ model, tools: registry, messages: user("x"), toolChoice: { tool: "get_weather" } });
    expect(model.requests.map((request) => request.toolChoice)).toEqual([{ tool: "get_weather" }, "auto"]);
    const kept = scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }, "ok"]);
    await runAgent({ model: kept, tools: registry, messages: user("x"), toolChoice: "required", resetToolChoice: false });
    expect(kept.requests.map((request) => request.toolChoice)).toEqual(["required", "required"]);
  });

  it("is cancelled by its signal, during the model call or a tool", async () => {
    const { registry } = testTools();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const trace = await runAgent({ model: scriptedModel([{ delayMs: 5_000, text: "late" }]), tools: registry, messages: user("x"), signal: controller.signal });
    expect(trace.stopReason).toBe("aborted");
    expect(trace.durationMs).toBeLessThan(1_000);

    const hang = defineTool({ name: "hang", description: "Hangs.", area: "misc", risk: "read", input: z.object({}), execute: () => new Promise(() => undefined) });
    const second = new AbortController();
    setTimeout(() => second.abort(), 20);
    const duringTool = await runAgent({ model: scriptedModel([{ toolCalls: [{ name: "hang", arguments: "{}" }] }, "never"]), tools: [hang], messages: user("x"), signal: second.signal });
    expect(duringTool.stopReason).toBe("aborted");
    expect(duringTool.calls[0]!.outcome).toMatchObject({ ok: false, error: { code: "aborted" } });
  });

  it("turns a model failure into an error stop, keeping what happened before", async () => {
    const { registry } = testTools();
    const model = scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }, () => { throw new Error("HTTP 500"); }]);
    const trace = await runAgent({ model, tools: registry, messages: user("x") });
    expect(trace).toMatchObject({ stopReason: "error", error: { message: "HTTP 500" } });
    expect(trace.calls).toHaveLength(1);
  });

  it("stops with an error when the sink cannot record", async () => {
    const { registry } = testTools();
    const trace = await runAgent({
      model: scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }, "x"]),
      tools: registry,
      messages: user("x"),
      sink: { record: () => { throw new Error("disk full"); } },
    });
    expect(trace).toMatchObject({ stopReason: "error", error: { message: "disk full" } });
  });

  it("shows the model only the tools selected for the step", async () => {
    const { registry } = testTools();
    const model = scriptedModel([{ toolCalls: [{ name: "bank_transfer", arguments: '{"to":"x","amount":1}' }] }, "ok"]);
    const trace = await runAgent({ model, tools: registry, messages: user("x"), selectTools: ({ registry: all }) => all.subset((tool) => tool.area === "weather") });
    expect(model.requests[0]!.tools.map((tool) => tool.name)).toEqual(["get_weather"]);
    expect(trace.calls[0]!.outcome).toMatchObject({ ok: false, error: { code: "unknown_tool" } });
  });
});

describe("runAgent routing", () => {
  it("records how a router chose the exposed tools", async () => {
    const { registry } = testTools();
    const model = scriptedModel(["no tools needed"]);
    const trace = await runAgent({
      model,
      tools: registry,
      messages: user("x"),
      selectTools: ({ registry: all }) => ({ tools: all.subset((tool) => tool.area === "weather"), routing: { router: "test", scores: { get_weather: 0.9 }, areas: ["weather"] } }),
    });
    expect(trace.steps[0]).toMatchObject({ exposedTools: ["get_weather"], routing: { router: "test", scores: { get_weather: 0.9 }, areas: ["weather"] } });
  });

  it("adds what routing spent on a model to the run's usage, keeping each step's own usage and model latency apart", async () => {
    const { registry } = testTools();
    const model = scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }] }, { text: "done" }]);
    const routingUsage = { inputTokens: 100, outputTokens: 7, totalTokens: 107 };
    // A router that takes 60 ms to decide (a slow area pick) on the first step only, like a memoised pick afterwards.
    const trace = await runAgent({
      model,
      tools: registry,
      messages: user("weather in Oslo?"),
      selectTools: async ({ step, registry: all }) => {
        if (step > 0) return { tools: all, routing: { router: "test" } };
        await new Promise((resolve) => setTimeout(resolve, 60));
        return { tools: all, routing: { router: "test", usage: routingUsage, latencyMs: 60 } };
      },
    });
    // Two scripted answers of 15 tokens each, plus the router's call.
    expect(trace.usage).toEqual({ inputTokens: 120, outputTokens: 17, totalTokens: 137 });
    expect(trace.steps.map((step) => step.usage.totalTokens)).toEqual([15, 15]);
    expect(trace.steps[0]!.routing).toMatchObject({ usage: routingUsage, latencyMs: 60 });
    expect(trace.steps[1]!.routing!.usage).toBeUndefined();
    // The step's wall time holds the routing wait; the model's own latency does not.
    expect(trace.steps[0]!.latencyMs).toBeGreaterThanOrEqual(55);
    expect(trace.steps[0]!.modelLatencyMs).toBeLessThan(50);
  });

  it("still counts routing's model call when the step's own model call then fails", async () => {
    const { registry } = testTools();
    const model = scriptedModel([() => { throw new Error("HTTP 500"); }]);
    const trace = await runAgent({
      model,
      tools: registry,
      messages: user("x"),
      selectTools: ({ registry: all }) => ({ tools: all, routing: { router: "test", usage: { inputTokens: 40, outputTokens: 3, totalTokens: 43 } } }),
    });
    expect(trace.stopReason).toBe("error");
    expect(trace.usage.totalTokens).toBe(43);
  });
});

describe("runAgent sink hooks", () => {
  it("tells the sink about the run as it happens: start, each model answer before its calls, each call, each step, the end", async () => {
    const { registry } = testTools();
    const model = scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] }, "21°C."]);
    const order: string[] = [];
    const trace = await runAgent({
      model,
      tools: registry,
      messages: user("weather?"),
      sink: {
        runStarted: (started) => void order.push(`run.started ${started.input.length} message(s)`),
        modelResponded: (step, live) => void order.push(`model ${step.index}: ${step.proposedCalls.length} call(s), ${step.exposedTools.length} tools, ${live.calls.length} gated so far`),
        callAuthorised: (call) => void order.push(`authorised ${call.toolName}`),
        record: (call) => void order.push(`recorded ${call.toolName} ${call.status}`),
        stepFinished: (step) => void order.push(`step ${step.index} finished`),
        runFinished: (finished) => void order.push(`run.finished ${finished.stopReason}`),
      },
    });
    expect(trace.stopReason).toBe("no-tool-calls");
    expect(order).toEqual([
      "run.started 1 message(s)",
      "model 0: 1 call(s), 3 tools, 0 gated so far",
      "authorised get_weather",
      "recorded get_weather succeeded",
      "step 0 finished",
      "model 1: 0 call(s), 3 tools, 1 gated so far",
      "step 1 finished",
      "run.finished no-tool-calls",
    ]);
  });

  it("does not call the model when the start cannot be recorded", async () => {
    const { registry } = testTools();
    const model = scriptedModel(["never"]);
    let finished = false;
    const trace = await runAgent({
      model, tools: registry, messages: user("x"),
      sink: { record: () => undefined, runStarted: () => { throw new Error("audit store is read-only"); }, runFinished: () => void (finished = true) },
    });
    expect(trace).toMatchObject({ stopReason: "error", error: { message: "audit store is read-only" } });
    expect(model.requests).toHaveLength(0);
    expect(finished).toBe(false);
  });

  it("gates none of a step's calls when the model's answer cannot be recorded", async () => {
    const { registry, executed } = testTools();
    const trace = await runAgent({
      model: scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] }]),
      tools: registry, messages: user("x"),
      sink: { record: () => undefined, modelResponded: () => Promise.reject(new Error("disk full")) },
    });
    expect(trace).toMatchObject({ stopReason: "error", error: { message: "disk full" }, calls: [] });
    expect(executed).toEqual([]);
  });

  it("stops before the tool runs when the authorisation cannot be recorded", async () => {
    const { registry, executed } = testTools();
    const trace = await runAgent({
      model: scriptedModel([{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] }, "never"]),
      tools: registry, messages: user("x"),
      sink: { record: () => undefined, callAuthorised: () => { throw new Error("disk full"); } },
    });
    expect(trace).toMatchObject({ stopReason: "error", error: { message: "disk full" } });
    expect(executed).toEqual([]);
  });

  it("turns a failure to record the end into an error stop", async () => {
    const { registry } = testTools();
    const trace = await runAgent({
      model: scriptedModel(["hello"]), tools: registry, messages: user("x"),
      sink: { record: () => undefined, runFinished: () => { throw new Error("connection lost"); } },
    });
    expect(trace).toMatchObject({ stopReason: "error", error: { message: "connection lost" }, text: "hello" });
  });
});

describe("runAgent security context", () => {
  it("hands the policy the principal and the taint of each call's arguments, and records the taint", async () => {
    const { registry } = testTools();
    const seen: unknown[] = [];
    const observed: string[] = [];
    const model = scriptedModel([
      { toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] },
      { toolCalls: [{ name: "bank_transfer", arguments: '{"to":"Paris","amount":5}' }] },
      "done",
    ]);
    const trace = await runAgent({
      model,
      tools: registry,
      messages: user("x"),
      principal: { id: "u-1", roles: ["agent"], tenant: "acme" },
      policy: { evaluate: (input) => { seen.push({ tool: input.toolName, principal: input.principal, taint: input.taint }); return { effect: "allow" }; } },
      taint: {
        observe: (call) => void observed.push(call.toolName ?? ""),
        taintOf: (args) => (JSON.stringify(args).includes("Paris") && observed.length > 0 ? [{ path: "/to", sources: [{ callId: "c", toolName: "get_weather", match: "exact" }] }] : []),
      },
    });
    expect(observed).toEqual(["get_weather", "bank.transfer"]);
    expect(seen).toEqual([
      { tool: "get_weather", principal: { id: "u-1", roles: ["agent"], tenant: "acme" }, taint: undefined },
      { tool: "bank.transfer", principal: { id: "u-1", roles: ["agent"], tenant: "acme" }, taint: [{ path: "/to", sources: [{ callId: "c", toolName: "get_weather", match: "exact" }] }] },
    ]);
    expect(trace.calls[0]!.taint).toBeUndefined();
    expect(trace.calls[1]!.taint).toEqual([{ path: "/to", sources: [{ callId: "c", toolName: "get_weather", match: "exact" }] }]);
  });
});
