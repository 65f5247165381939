// Aggregates case results into metrics per category and overall: proportions, gate interventions, latency and tokens.
import type { CaseResult } from "./case-result.js";
import type { GateStats } from "./gate-stats.js";
import { addGateStats, emptyGateStats } from "./gate-stats.js";

export interface Proportion {
  correct: number;
  total: number;
  /** correct / total, or null when nothing was scored. */
  rate: number | null;
}

export const metricNames = ["decision", "arguments", "effects", "passed"] as const;
export type MetricName = (typeof metricNames)[number];

export interface MetricSummary {
  cases: number;
  errors: number;
  decision: Proportion;
  arguments: Proportion;
  effects: Proportion;
  passed: Proportion;
  gate: GateStats;
  latencyMs: { mean: number; p50: number; p95: number };
  tokens: { input: number; output: number };
}

export interface EvalSummary {
  overall: MetricSummary;
  categories: Record<string, MetricSummary>;
}

export function summarizeResults(results: readonly CaseResult[]): EvalSummary {
  const byCategory = new Map<string, CaseResult[]>();
  for (const result of results) byCategory.set(result.category, [...(byCategory.get(result.category) ?? []), result]);
  const categories: Record<string, MetricSummary> = {};
  for (const category of [...byCategory.keys()].sort()) categories[category] = summarizeGroup(byCategory.get(category) ?? []);
  return { overall: summarizeGroup(results), categories };
}

/** A case that errored counts as wrong on every metric its kind is scored on, as BFCL counts inference errors. */
function summarizeGroup(results: readonly CaseResult[]): MetricSummary {
  const decision = tally();
  const argumentsTally = tally();
  const effects = tally();
  const passed = tally();
  let gate = emptyGateStats();
  const latencies: number[] = [];
  const tokens = { input: 0, output: 0 };
  let errors = 0;
  for (const result of results) {
    if (result.status === "error") errors += 1;
    if (result.kind !== "effects") decision.add(result.decision?.correct === true);
    if (result.kind === "calls") argumentsTally.add(result.arguments?.correct === true);
    if (result.kind === "effects") effects.add(result.effects?.correct === true);
    passed.add(result.status === "passed");
    gate = addGateStats(gate, result.gate);
    latencies.push(result.latencyMs);
    tokens.input += result.tokens.input;
    tokens.output += result.tokens.output;
  }
  return {
    cases: results.length,
    errors,
    decision: decision.value(),
    arguments: argumentsTally.value(),
    effects: effects.value(),
    passed: passed.value(),
    gate,
    latencyMs: latencySummary(latencies),
    tokens,
  };
}

function tally() {
  let correct = 0;
  let total = 0;
  return {
    add(ok: boolean) {
      total += 1;
      if (ok) correct += 1;
    },
    value: (): Proportion => ({ correct, total, rate: total === 0 ? null : correct / total }),
  };
}

function latencySummary(values: number[]): MetricSummary["latencyMs"] {
  if (values.length === 0) return { mean: 0, p50: 0, p95: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { mean: Math.round(mean), p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/** Nearest-rank percentile: always a latency that was actually observed. */
function percentile(sorted: number[], fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] as number;
}
