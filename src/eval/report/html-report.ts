// The self-contained HTML report: inline CSS and inline SVG charts, no script and no external asset (air-gapped sites).
import type { CaseResult, EvalSummary, MetricName, MetricSummary } from "../scoring/index.js";
import { countErrors, rejectedCount } from "../scoring/index.js";
import type { EvalReport } from "./eval-report.js";
import { formatProportion } from "./format-table.js";
import type { ChartGroup, ChartSeries } from "./svg-bar-chart.js";
import { barChartSvg, escapeXml } from "./svg-bar-chart.js";

const metricSeries: Array<ChartSeries & { name: MetricName }> = [
  { name: "decision", color: "#2b6cb0" },
  { name: "arguments", color: "#2f855a" },
  { name: "effects", color: "#b7791f" },
  { name: "passed", color: "#553c9a" },
];

const styles = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a202c;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #e2e8f0;padding-bottom:.25rem}
.meta{color:#4a5568;margin:0}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #edf2f7;vertical-align:top}th{background:#f7fafc}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap}.passed{color:#276749}.failed{color:#9b2c2c}.error{color:#975a16}
.chart .label,.chart .value,.chart .legend{font:12px system-ui,sans-serif;fill:#2d3748}.chart .track{fill:#edf2f7}
ul.reasons{margin:0;padding-left:1.1rem}code{font:12px ui-monospace,monospace;background:#f7fafc;padding:0 2px}
`;

export function renderHtmlReport(report: EvalReport): string {
  const summary = report.summary;
  const title = `toolgate evaluation · ${report.model}`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    // Nothing may load from anywhere: the report must open the same on an air-gapped machine.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${styles}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="meta">suite <code>${escapeXml(report.suite)}</code> · ${summary.overall.cases} cases${report.cached > 0 ? ` (${report.cached} from cache)` : ""} · ${escapeXml(report.startedAt)} – ${escapeXml(report.finishedAt)}</p>`,
    "<h2>Metrics by category</h2>",
    metricsChart(summary),
    summaryTable(summary),
    "<h2>Gate interventions</h2>",
    gateChart(summary),
    "<h2>Errors by kind</h2>",
    errorTable(report.results),
    "<h2>Cases</h2>",
    caseTable(report.results),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function groupsOf(summary: EvalSummary): Array<[string, MetricSummary]> {
  const entries = Object.entries(summary.categories);
  return entries.length === 1 ? entries : [...entries, ["overall", summary.overall]];
}

function metricsChart(summary: EvalSummary): string {
  const groups: ChartGroup[] = groupsOf(summary).map(([label, metrics]) => ({
    label,
    bars: metricSeries
      .filter((series) => metrics[series.name].rate !== null)
      .map((series) => ({ series: series.name, fraction: metrics[series.name].rate ?? 0, text: formatProportion(metrics[series.name]) })),
  }));
  return barChartSvg({ title: "Share of cases correct, per category and metric", series: metricSeries, groups });
}

function gateChart(summary: EvalSummary): string {
  const series: ChartSeries[] = [
    { name: "rejected", color: "#c53030" },
    { name: "policy blocks", color: "#dd6b20" },
    { name: "failed", color: "#718096" },
  ];
  const rows = groupsOf(summary);
  const groups: ChartGroup[] = rows.map(([label, metrics]) => {
    const calls = Math.max(1, metrics.gate.calls);
    const stages = Object.entries(metrics.gate.rejected).map(([stage, count]) => `${stage} ${count}`).join(", ");
    return {
      label,
      bars: [
        { series: "rejected", fraction: rejectedCount(metrics.gate) / calls, text: `${rejectedCount(metrics.gate)}/${metrics.gate.calls} calls${stages ? ` (${stages})` : ""}` },
        { series: "policy blocks", fraction: metrics.gate.policyBlocks / calls, text: `${metrics.gate.policyBlocks}/${metrics.gate.calls} calls` },
        { series: "failed", fraction: metrics.gate.failed / calls, text: `${metrics.gate.failed}/${metrics.gate.calls} calls` },
      ],
    };
  });
  return barChartSvg({ title: "Share of proposed calls the gate refused or that failed, per category", series, groups, plotWidth: 320 });
}

function summaryTable(summary: EvalSummary): string {
  const head = ["category", "cases", "decision", "arguments", "effects", "passed", "p50 ms", "p95 ms", "tokens in/out"];
  const body = groupsOf(summary).map(
    ([label, metrics]) =>
      `<tr><td>${escapeXml(label)}</td><td class="num">${metrics.cases}${metrics.errors ? ` (${metrics.errors} err)` : ""}</td>` +
      (["decision", "arguments", "effects", "passed"] as const).map((name) => `<td class="num">${escapeXml(formatProportion(metrics[name]))}</td>`).join("") +
      `<td class="num">${metrics.latencyMs.p50}</td><td class="num">${metrics.latencyMs.p95}</td><td class="num">${metrics.tokens.input}/${metrics.tokens.output}</td></tr>`,
  );
  return table(head, body);
}

function errorTable(results: readonly CaseResult[]): string {
  const counts = countErrors(results);
  const codes = Object.keys(counts.overall).sort();
  if (codes.length === 0) return "<p>No errors.</p>";
  const categories = Object.keys(counts.categories).sort();
  const body = codes.map(
    (code) =>
      `<tr><td><code>${escapeXml(code)}</code></td>${categories.map((category) => `<td class="num">${counts.categories[category]?.[code] ?? 0}</td>`).join("")}<td class="num">${counts.overall[code]}</td></tr>`,
  );
  return table(["error", ...categories, "total"], body);
}

function caseTable(results: readonly CaseResult[]): string {
  const ordered = [...results].sort((a, b) => statusRank(a) - statusRank(b));
  const body = ordered.map((result) => {
    const mark = (value: boolean | undefined) => (value === undefined ? "—" : value ? "✓" : "✗");
    const reasons = result.reasons.length > 0 ? `<ul class="reasons">${result.reasons.map((reason) => `<li>${escapeXml(reason)}</li>`).join("")}</ul>` : "";
    return (
      `<tr><td><code>${escapeXml(result.id)}</code></td><td>${escapeXml(result.category)}</td><td class="${result.status}">${result.status}</td>` +
      `<td>${mark(result.decision?.correct)}</td><td>${mark(result.arguments?.correct)}</td><td>${mark(result.effects?.correct)}</td>` +
      `<td class="num">${result.latencyMs}</td><td>${reasons}</td></tr>`
    );
  });
  return table(["case", "category", "status", "decision", "arguments", "effects", "ms", "why"], body);
}

function statusRank(result: CaseResult): number {
  return result.status === "error" ? 0 : result.status === "failed" ? 1 : 2;
}

function table(head: string[], body: string[]): string {
  return `<table><thead><tr>${head.map((cell) => `<th>${escapeXml(cell)}</th>`).join("")}</tr></thead><tbody>\n${body.join("\n")}\n</tbody></table>`;
}
