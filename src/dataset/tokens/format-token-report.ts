// The token report as people read it in a terminal: totals, percentiles, a histogram against the context, what was fitted.
import type { TokenReport } from "./token-step.js";

export function formatTokenReport(report: TokenReport): string {
  const lines = [
    `template ${report.template} · tokenizer ${report.tokenizer}${report.maxTokens === undefined ? "" : ` · context ${report.maxTokens}`}`,
    `rows ${report.rows} · kept ${report.kept} · fitted ${new Set(report.actions.map((action) => action.id)).size} · dropped ${report.dropped.length} · refused by the template ${report.refused.length}`,
    `tokens ${report.totalTokens} (trained ${report.trainedTokens}) · per row p50 ${report.p50} · p95 ${report.p95} · max ${report.maxRowTokens}`,
  ];
  const widest = Math.max(1, ...report.histogram.map((bin) => bin.rows));
  for (const bin of report.histogram) {
    const over = report.maxTokens !== undefined && bin.to > report.maxTokens ? " over context" : "";
    lines.push(`${String(bin.from).padStart(7)}–${String(bin.to).padEnd(7)} ${"█".repeat(Math.ceil((bin.rows / widest) * 40)).padEnd(40)} ${bin.rows}${bin.rows > 0 ? over : ""}`);
  }
  const byStrategy = new Map<string, number>();
  for (const action of report.actions) byStrategy.set(action.strategy, (byStrategy.get(action.strategy) ?? 0) + 1);
  for (const [strategy, rows] of byStrategy) lines.push(`${strategy}: ${rows} row(s)`);
  return lines.join("\n");
}
