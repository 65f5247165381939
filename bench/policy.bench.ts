// bench:policy — gate.handle end to end with a 1,000-rule policy, taint and positive provenance on, beside the same gate with policy off (allow-all), same run.
import { createGate } from "../src/gate/gate.js";
import type { CallContext } from "../src/gate/gate.js";
import { loadPolicy } from "../src/policy/engine/load-policy.js";
import type { PolicyDocumentInput } from "../src/policy/engine/policy-document.js";
import { allowAll } from "../src/policy/allow-all.js";
import type { ArgumentTaint } from "../src/record/index.js";
import type { Policy } from "../src/policy/types.js";
import { createTaintTracker } from "../src/policy/taint/taint-tracker.js";
import { defineTool } from "../src/tool/define-tool.js";
import { createToolRegistry } from "../src/tool/registry.js";

const json = process.argv.includes("--json");
const iterations = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const ruleCount = Number(process.env.BENCH_RULES ?? 1_000);
// Many short alternating rounds: on a shared machine, load spikes then land on both sides alike.
const rounds = 10;

// 1,000 rules of every matcher kind; the bench call is checked against all of them and decided near the end.
const risks = ["read", "write", "privileged"] as const;
const rules: PolicyDocumentInput["rules"] = [];
for (let i = 0; i < ruleCount - 2; i++) {
  const kind = i % 6;
  const id = `rule-${i}`;
  if (kind === 0) rules.push({ id, priority: i % 50, tool: [`svc${i}.*`, `svc${i}_legacy`], effect: "deny", reason: "retired service" });
  else if (kind === 1) rules.push({ id, priority: i % 50, area: `area-${i}`, risk: risks[i % 3], effect: "require-approval", role: "ops" });
  else if (kind === 2) rules.push({ id, priority: i % 50, principal: { roles: [`role-${i}`], tenant: "acme" }, effect: "allow" });
  // A large policy spreads its argument rules over many tools; a few land on the benched one.
  else if (kind === 3) rules.push({ id, priority: i % 50, tool: i % 60 === 3 ? "payments.send" : `svc${i}.transfer`, arguments: { type: "object", properties: { amount: { type: "integer", minimum: 1_000_000 + i } }, required: ["amount"] }, effect: "require-approval" });
  else if (kind === 4) rules.push({ id, priority: i % 50, tool: `tool-${i}`, taint: { tainted: ["/account", "/amount"] }, effect: "deny", reason: "untrusted payee" });
  else rules.push({ id, priority: i % 50, tool: `tool-${i}`, effect: "rate-limit", limit: { max: 100, window: "1m" } });
}
// Positive provenance, as the data-flow profile asks it: the payee and amount must trace to a trusted source.
rules.push({ id: "provenance:approve-unproven-write", priority: 95, risk: "write", provenance: { unproven: true }, effect: "require-approval" });
rules.push({ id: "taint:approve-steering", priority: 94, risk: "write", taint: { steering: true }, effect: "require-approval" });
rules.push({ id: "budget", priority: -1, tool: "payments.*", effect: "rate-limit", limit: { max: 1e12, window: "1d", per: "tenant" } });
rules.push({ id: "payments-ok", priority: -2, tool: "payments.*", effect: "allow" });
const enginePolicy = loadPolicy({ version: "bench", rules }, { clock: () => new Date() });

const noop = defineTool({
  name: "payments.send",
  description: "Does nothing.",
  area: "payments",
  risk: "write",
  steers: { "/account": "id", "/amount": "amount" },
  input: { type: "object", properties: { account: { type: "string" }, amount: { type: "integer" }, note: { type: "string" } }, required: ["account", "amount"], additionalProperties: false },
  execute: () => ({ done: true }),
});
const registry = createToolRegistry({ tools: [noop] });
// Taint tracking on in both gates: a synthetic finding on /note, so the difference measured is the policy alone.
const taint: ArgumentTaint[] = [{ path: "/note", sources: [{ callId: "earlier", toolName: "web.fetch", match: "exact" }] }];
const context: CallContext = { traceId: "bench", step: 0, index: 0, signal: new AbortController().signal, principal: { id: "alice", roles: ["clerk"], tenant: "acme" }, taintOf: () => taint };
// Provenance on the policy side only (it is part of what the policy costs): a real tracker that has read the user's
// message and a trusted listing of 200 accounts, so every call's payee and amount are looked up and proven.
const tracker = createTaintTracker({ registry });
tracker.endorse?.("Please pay ACC-42 the 125 we owe, and note it as benchmark.");
tracker.observe({
  id: "listing", traceId: "bench", step: 0, index: 0, proposed: { id: "l", name: "payments.send", arguments: "{}" }, toolName: "payments.send",
  repairs: [], verdicts: [], effects: [], status: "succeeded", startedAt: new Date().toISOString(), durationMs: 0,
  outcome: { ok: true, result: { accounts: Array.from({ length: 200 }, (_, i) => ({ id: `ACC-${1000 + i}`, owner: `Supplier ${i}`, balance: 1000 + i })) } },
});
const provenanceContext: CallContext = { ...context, provenanceOf: (tool, args) => tracker.provenanceOf!(tool, args) };
const call = { id: "c", name: "payments.send", arguments: '{"account":"ACC-42","amount":125,"note":"benchmark"}' };

const gates: Record<"engine" | "off", { policy: Policy; times: number[] }> = { engine: { policy: enginePolicy, times: [] }, off: { policy: allowAll, times: [] } };
const policyOnly: number[] = [];

async function measure(which: "engine" | "off", count: number, keep: boolean) {
  // Call caps and default rate limits off: the bench sends every call as step 0 of one trace and principal; caps and
  // limits are measured by their own benches, this one is the policy and provenance alone.
  const gate = createGate({ registry, policy: gates[which].policy, callCaps: false, rateLimits: [] });
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const record = await gate.handle(call, which === "engine" ? provenanceContext : context);
    const elapsed = performance.now() - started;
    if (record.status !== "succeeded") throw new Error(`bench call was ${record.status}: ${JSON.stringify(record.verdicts)}`);
    if (which === "engine" && record.provenance?.every((entry) => entry.proven) !== true) throw new Error(`bench call's provenance was not proven: ${JSON.stringify(record.provenance)}`);
    if (keep) gates[which].times.push(elapsed * 1000);
  }
}

// Warm both, then alternate rounds (JIT, GC and neighbours drift over a run).
await measure("engine", 2_000, false);
await measure("off", 2_000, false);
for (let round = 0; round < rounds; round++) {
  await measure("engine", iterations / rounds, true);
  await measure("off", iterations / rounds, true);
}
const benchArguments = { account: "ACC-42", amount: 125, note: "benchmark" };
const input = { traceId: "bench", callId: "c", toolName: "payments.send", toolDigest: "d", area: "payments", risk: "write" as const, arguments: benchArguments, callDigest: "x", principal: context.principal!, taint, provenance: tracker.provenanceOf!(registry.get("payments.send")!, benchArguments), steersDeclared: true, steeringPaths: ["/account", "/amount"] };
for (let i = 0; i < iterations; i++) {
  const started = performance.now();
  await enginePolicy.evaluate(input);
  policyOnly.push((performance.now() - started) * 1000);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (value: number) => Math.round(value * 10) / 10;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), mean: round(times.reduce((a, b) => a + b, 0) / times.length) };
};
const engine = stats(gates.engine.times);
const off = stats(gates.off.times);
const report = {
  bench: "policy",
  node: process.version,
  iterations,
  rules: ruleCount,
  taint: true,
  provenance: true,
  gateWithPolicy: engine,
  gatePolicyOff: off,
  policyEvaluateAlone: stats(policyOnly),
  ratio: { p50: Math.round((engine.p50 / off.p50) * 100) / 100, p99: Math.round((engine.p99 / off.p99) * 100) / 100 },
};

console.log(`bench:policy — ${iterations} calls each, ${ruleCount} rules, taint and provenance on, ${report.node}, µs per call`);
console.log("");
console.log("| measured | p50 µs | p99 µs | mean µs |");
console.log("|---|---:|---:|---:|");
console.log(`| gate.handle, ${ruleCount}-rule policy | ${engine.p50} | ${engine.p99} | ${engine.mean} |`);
console.log(`| gate.handle, policy off (allow-all) | ${off.p50} | ${off.p99} | ${off.mean} |`);
console.log(`| policy.evaluate alone | ${report.policyEvaluateAlone.p50} | ${report.policyEvaluateAlone.p99} | ${report.policyEvaluateAlone.mean} |`);
console.log("");
console.log(`ratio policy / off: p50 ${report.ratio.p50}, p99 ${report.ratio.p99}`);
if (json) console.log(JSON.stringify(report));
