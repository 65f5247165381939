// The terminal table of a comparison: both rates with their intervals, the difference, its p-value and a flag.
import { formatColumns } from "../report/index.js";
import type { RateWithInterval, RunComparison } from "./compare-runs.js";

export function formatComparison(comparison: RunComparison): string {
  const header = ["category", "metric", `A ${comparison.a.label}`, `B ${comparison.b.label}`, "Δ (B−A)", "95% CI of Δ", "p", ""];
  const rows = comparison.rows.map((row) => [
    row.category,
    row.metric,
    rate(row.a),
    rate(row.b),
    points(row.difference.delta),
    `[${points(row.difference.interval.low)}, ${points(row.difference.interval.high)}]`,
    row.difference.pValue < 0.001 ? "<0.001" : row.difference.pValue.toFixed(3),
    row.difference.significant ? (row.difference.delta > 0 ? "better *" : "worse *") : "",
  ]);
  const lines = [formatColumns([header, ...rows]), "", `* significant: ${comparison.method}.`];
  if (comparison.onlyIn.a.length > 0) lines.push(`only in A (not compared): ${comparison.onlyIn.a.join(", ")}`);
  if (comparison.onlyIn.b.length > 0) lines.push(`only in B (not compared): ${comparison.onlyIn.b.join(", ")}`);
  return lines.join("\n");
}

function rate(value: RateWithInterval): string {
  return `${(value.rate * 100).toFixed(1)}% [${(value.interval.low * 100).toFixed(1)}, ${(value.interval.high * 100).toFixed(1)}] (${value.correct}/${value.total})`;
}

function points(delta: number): string {
  const value = (delta * 100).toFixed(1);
  return `${delta > 0 ? "+" : ""}${value === "-0.0" ? "0.0" : value} pp`;
}
