// The terminal summary of an evaluation: one row per category and one overall, every rate with its counts.
import type { CaseResult, EvalSummary, MetricSummary, Proportion } from "../scoring/index.js";
import { countErrors, rejectedCount } from "../scoring/index.js";

const headers = ["category", "cases", "decision", "arguments", "effects", "passed", "gate rejected", "policy blocks", "p50 ms", "p95 ms", "tokens in/out"];

export function formatSummaryTable(summary: EvalSummary): string {
  const rows = Object.entries(summary.categories).map(([category, metrics]) => row(category, metrics));
  if (Object.keys(summary.categories).length !== 1) rows.push(row("overall", summary.overall));
  return formatColumns([headers, ...rows]);
}

function row(label: string, metrics: MetricSummary): string[] {
  return [
    label,
    String(metrics.cases) + (metrics.errors > 0 ? ` (${metrics.errors} err)` : ""),
    formatProportion(metrics.decision),
    formatProportion(metrics.arguments),
    formatProportion(metrics.effects),
    formatProportion(metrics.passed),
    String(rejectedCount(metrics.gate)),
    String(metrics.gate.policyBlocks),
    String(metrics.latencyMs.p50),
    String(metrics.latencyMs.p95),
    `${metrics.tokens.input}/${metrics.tokens.output}`,
  ];
}

export function formatProportion(proportion: Proportion): string {
  if (proportion.rate === null) return "—";
  return `${(proportion.rate * 100).toFixed(1)}% (${proportion.correct}/${proportion.total})`;
}

/** Left-aligned text columns separated by two spaces; numbers stay readable without a table library. */
export function formatColumns(rows: string[][]): string {
  const widths: number[] = [];
  for (const cells of rows) cells.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((cells) => cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join("  ").trimEnd()).join("\n");
}

/** The failed and errored cases, one line each with their first reason; at most `limit`, then a count of the rest. */
export function formatFailures(results: readonly CaseResult[], limit = 20): string {
  const failing = results.filter((result) => result.status !== "passed");
  if (failing.length === 0) return "";
  const lines = failing.slice(0, limit).map((result) => `${result.status === "error" ? "error " : "failed"}  ${result.id}: ${result.reasons[0] ?? result.status}`);
  if (failing.length > limit) lines.push(`… and ${failing.length - limit} more (see --json, --html or --junit)`);
  return lines.join("\n");
}

/** `errors: missing_required 3 · type_error 2`, most frequent first; empty when there were none. */
export function formatErrorCounts(results: readonly CaseResult[]): string {
  const counts = Object.entries(countErrors(results).overall).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return counts.length === 0 ? "" : `errors: ${counts.map(([code, count]) => `${code} ${count}`).join(" · ")}`;
}
