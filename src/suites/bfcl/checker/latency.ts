// Latency columns of BFCL's overall table: mean, sample standard deviation and 95th percentile of every non-zero latency.
import { pyRound } from "../../python/py-format.js";
import type { PyValue } from "../../python/py-value.js";

export interface LatencyStats {
  mean: number;
  std: number;
  p95: number;
}

/** The latencies one result line contributes: a number, or (multi-turn) a list of per-turn lists; zeros are dropped. */
export function latenciesOf(latency: PyValue | undefined): number[] {
  const numeric = (value: PyValue | undefined): number | undefined =>
    typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : typeof value === "boolean" ? Number(value) : undefined;
  if (Array.isArray(latency) && latency.every(Array.isArray)) {
    return (latency as PyValue[][]).flat().map(numeric).filter((value): value is number => value !== undefined && value !== 0);
  }
  const single = numeric(latency);
  return single === undefined || single === 0 ? [] : [single];
}

/** statistics.mean / statistics.stdev / numpy.percentile(…, 95), each rounded to 2 places as BFCL prints them. */
export function latencyStats(values: readonly number[]): LatencyStats | undefined {
  if (values.length < 2) return undefined;
  const mean = compensatedSum(values) / values.length;
  const squares = compensatedSum(values.map((value) => (value - mean) ** 2));
  const std = Math.sqrt(squares / (values.length - 1));
  return { mean: pyRound(mean, 2), std: pyRound(std, 2), p95: pyRound(percentile(values, 95), 2) };
}

/** numpy's default (linear) percentile, including its way of interpolating from the upper end above the midpoint. */
function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * q) / 100;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const t = position - lower;
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Python's statistics functions sum exactly; Neumaier summation gets within rounding of that. */
function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const value of values) {
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}
