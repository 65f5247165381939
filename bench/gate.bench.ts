// bench:gate — per-call overhead of a governed call vs the same no-op tool in the AI SDK's own tool loop, same run, same mock model.
import { generateText, jsonSchema, stepCountIs, tool } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { createGate } from "../src/gate/gate.js";
import { memorySink } from "../src/gate/sinks.js";
import { runAgent } from "../src/agent/run-agent.js";
import { aiSdkModel } from "../src/model/ai-sdk.js";
import { approverFrom } from "../src/policy/approvers.js";
import type { Policy } from "../src/policy/types.js";
import { defineTool } from "../src/tool/define-tool.js";
import { createToolRegistry } from "../src/tool/registry.js";

const json = process.argv.includes("--json");
const iterations = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const warmup = Math.min(3_000, Math.floor(iterations / 4));

const argumentSchema = {
  type: "object",
  properties: { account: { type: "string", minLength: 1 }, amount: { type: "integer", minimum: 1 }, note: { type: "string" } },
  required: ["account", "amount"],
  additionalProperties: false,
} as const;
const argumentsText = '{"account":"ACC-42","amount":125,"note":"benchmark"}';
const noop = () => ({ done: true });

// One mock model for both loops: it always proposes the same single call.
const mock = new MockLanguageModelV3({
  doGenerate: async () => ({
    content: [{ type: "tool-call", toolCallId: "call-1", toolName: "noop", input: argumentsText }],
    finishReason: { unified: "tool-calls", raw: "tool_calls" },
    usage: { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
    warnings: [],
  }),
});

// toolgate: decode, resolve, validate (Ajv), policy (approval required), approval, execute, guard, record to memory.
const registry = createToolRegistry({ tools: [defineTool({ name: "noop", description: "Does nothing.", area: "bench", risk: "write", input: argumentSchema as unknown as Record<string, unknown>, execute: noop })] });
const approveEverything: Policy = { evaluate: () => ({ effect: "require-approval", reason: "bench", ruleId: "bench" }) };
let sink = memorySink();
// One gate answers 20,000 calls of one principal: the default call caps and rate limits would refuse nearly all of them.
const gate = createGate({ registry, policy: approveEverything, approver: approverFrom("bench", () => true), sink: { record: (call) => sink.record(call) }, callCaps: false, rateLimits: [] });
const model = aiSdkModel(mock, { id: "mock" });
const messages = [{ role: "user" as const, content: "move 125 to ACC-42" }];

async function toolgateLoop(): Promise<void> {
  const trace = await runAgent({ model, tools: registry, gate, messages, maxSteps: 1 });
  if (trace.calls[0]?.status !== "succeeded") throw new Error(`toolgate call did not succeed: ${JSON.stringify(trace.calls[0]?.outcome)}`);
}

async function aiSdkLoop(): Promise<void> {
  const result = await generateText({
    model: mock,
    prompt: "move 125 to ACC-42",
    tools: { noop: tool({ description: "Does nothing.", inputSchema: jsonSchema(argumentSchema as never), execute: async () => noop() }) },
    stopWhen: stepCountIs(1),
  });
  if (result.toolResults.length !== 1) throw new Error("AI SDK tool did not run");
}

async function gateOnly(): Promise<void> {
  const record = await gate.handle({ id: "c", name: "noop", arguments: argumentsText }, { traceId: "t", step: 0, index: 0, signal: new AbortController().signal });
  if (record.status !== "succeeded") throw new Error("gate call did not succeed");
}

async function sample(run: () => Promise<void>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
    if (sink.records.length > 5_000) sink = memorySink();
  }
  return times;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure() {
  for (const run of [toolgateLoop, aiSdkLoop, gateOnly]) await sample(run, warmup);
  // Interleave in blocks so drift (GC, CPU frequency, the other core) hits both sides alike.
  const results = { toolgate: [] as number[], aiSdk: [] as number[], gate: [] as number[] };
  const block = 500;
  for (let done = 0; done < iterations; done += block) {
    results.toolgate.push(...(await sample(toolgateLoop, block)));
    results.aiSdk.push(...(await sample(aiSdkLoop, block)));
    results.gate.push(...(await sample(gateOnly, block)));
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, times]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return [name, { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), mean: round(times.reduce((a, b) => a + b, 0) / times.length) }];
    }),
  ) as Record<"toolgate" | "aiSdk" | "gate", { p50: number; p99: number; mean: number }>;
  return {
    benchmark: "gate",
    unit: "µs per call",
    iterations,
    node: process.version,
    toolgate: summary.toolgate,
    aiSdk: summary.aiSdk,
    gateOnly: summary.gate,
    ratio: { p50: round(summary.toolgate.p50 / summary.aiSdk.p50, 3), p99: round(summary.toolgate.p99 / summary.aiSdk.p99, 3) },
  };
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const report = await measure();
console.log(`bench:gate — ${report.iterations} calls each, ${report.node}, µs per call (one model step with one tool call)`);
console.log("");
console.log("| loop | p50 µs | p99 µs | mean µs |");
console.log("|---|---:|---:|---:|");
console.log(`| toolgate runAgent (decode, validate, policy, approval, execute, guard, record) | ${report.toolgate.p50} | ${report.toolgate.p99} | ${report.toolgate.mean} |`);
console.log(`| AI SDK generateText (parse, validate, execute) | ${report.aiSdk.p50} | ${report.aiSdk.p99} | ${report.aiSdk.mean} |`);
console.log(`| toolgate gate.handle alone | ${report.gateOnly.p50} | ${report.gateOnly.p99} | ${report.gateOnly.mean} |`);
console.log("");
console.log(`ratio toolgate / AI SDK: p50 ${report.ratio.p50}, p99 ${report.ratio.p99} (target ≤ 1.0)`);
if (json) console.log(JSON.stringify(report));
