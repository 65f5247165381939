// Evaluation: the reports in the configured folder, one report's rates by category, and two compared (`eval compare`)
// with a uPlot chart of each side's rate and the difference's confidence interval per category.
import { html } from "hono/html";
import type { EvalReport, RunComparison } from "../eval/index.js";
import type { Html } from "./layout.js";

export interface ReportFile {
  name: string;
  report: EvalReport;
}

export function reportList(base: string, files: readonly ReportFile[], chosen: { a?: string; b?: string }): Html {
  const options = (selected: string | undefined) => files.map((file) => html`<option${file.name === selected ? html` selected` : ""}>${file.name}</option>`);
  return html`<table>
<thead><tr><th>report</th><th>suite</th><th>model</th><th>cases</th><th>passed</th><th>finished</th></tr></thead>
<tbody>${files.map((file) => html`<tr><td><a href="${base}/eval/report?name=${encodeURIComponent(file.name)}">${file.name}</a></td><td>${file.report.suite}</td><td>${file.report.model}</td><td>${file.report.summary.overall.cases}</td><td>${pct(file.report.summary.overall.passed.rate)}</td><td>${file.report.finishedAt}</td></tr>`)}</tbody>
</table>
<form class="filters" method="get" action="${base}/eval/compare">
<label>A (baseline)<select name="a">${options(chosen.a)}</select></label>
<label>B (candidate)<select name="b">${options(chosen.b)}</select></label>
<button type="submit">Compare</button>
</form>`;
}

const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? "—" : `${(100 * rate).toFixed(1)}%`);

export function reportView(file: ReportFile): Html {
  const categories = Object.keys(file.report.summary.categories);
  const metrics = ["decision", "arguments", "effects", "passed"] as const;
  const chart = {
    title: `${file.name}: rate by category`,
    xLabel: "category",
    yLabel: "rate",
    categories,
    series: metrics.map((metric) => ({ label: metric })),
    data: [categories.map((_, index) => index), ...metrics.map((metric) => categories.map((category) => file.report.summary.categories[category]![metric].rate))],
  };
  return html`<p>${file.report.suite} · ${file.report.model} · ${file.report.summary.overall.cases} cases (${file.report.summary.overall.errors} errors)</p>
<div class="chart" data-chart="${JSON.stringify(chart)}"></div>
<table>
<thead><tr><th>category</th><th>cases</th>${metrics.map((metric) => html`<th>${metric}</th>`)}</tr></thead>
<tbody>${[...categories, "overall"].map((category) => {
  const summary = category === "overall" ? file.report.summary.overall : file.report.summary.categories[category]!;
  return html`<tr><td>${category}</td><td>${summary.cases}</td>${metrics.map((metric) => html`<td>${pct(summary[metric].rate)} <small>(${summary[metric].correct}/${summary[metric].total})</small></td>`)}</tr>`;
})}</tbody>
</table>
<h2>Security and gate</h2>
${securityTable(file.report)}`;
}

function securityTable(report: EvalReport): Html {
  const gate = report.summary.overall.gate as unknown as Record<string, unknown>;
  const entries = Object.entries(gate).filter(([, value]) => typeof value === "number" || typeof value === "string");
  return entries.length === 0 ? html`<p>no gate statistics in this report</p>` : html`<table><tbody>${entries.map(([key, value]) => html`<tr><th>${key}</th><td>${String(value)}</td></tr>`)}</tbody></table>`;
}

export function comparisonView(comparison: RunComparison, metric: string): Html {
  const rows = comparison.rows.filter((row) => row.metric === metric);
  const categories = rows.map((row) => row.category);
  const chart = {
    title: `${metric}: ${comparison.a.label} vs ${comparison.b.label}`,
    xLabel: "category",
    yLabel: "rate / difference",
    categories,
    series: [{ label: `A ${comparison.a.label}` }, { label: `B ${comparison.b.label}` }, { label: "B − A" }, { label: "95% CI low" }, { label: "95% CI high" }],
    data: [categories.map((_, index) => index), rows.map((row) => row.a.rate), rows.map((row) => row.b.rate), rows.map((row) => row.difference.delta), rows.map((row) => row.difference.interval.low), rows.map((row) => row.difference.interval.high)],
  };
  const metrics = [...new Set(comparison.rows.map((row) => row.metric))];
  return html`<p>Metric: ${metrics.map((name) => (name === metric ? html`<b>${name}</b> ` : html`<a href="?a=${encodeURIComponent(comparison.a.label)}&amp;b=${encodeURIComponent(comparison.b.label)}&amp;metric=${encodeURIComponent(name)}">${name}</a> `))}</p>
<div class="chart" id="compare-chart" data-chart="${JSON.stringify(chart)}"></div>
<table>
<thead><tr><th>category</th><th>A</th><th>B</th><th>B − A</th><th>95% CI</th><th>p</th></tr></thead>
<tbody>${rows.map((row) => html`<tr data-category="${row.category}"><td>${row.category}</td><td>${pct(row.a.rate)} <small>${row.a.correct}/${row.a.total}</small></td><td>${pct(row.b.rate)} <small>${row.b.correct}/${row.b.total}</small></td><td>${row.difference.significant ? html`<b>${(100 * row.difference.delta).toFixed(1)} pt</b>` : `${(100 * row.difference.delta).toFixed(1)} pt`}</td><td>${(100 * row.difference.interval.low).toFixed(1)} … ${(100 * row.difference.interval.high).toFixed(1)}</td><td>${row.difference.pValue.toFixed(3)}</td></tr>`)}</tbody>
</table>
${comparison.onlyIn.a.length || comparison.onlyIn.b.length ? html`<p>Only in A: ${comparison.onlyIn.a.join(", ") || "—"}; only in B: ${comparison.onlyIn.b.join(", ") || "—"}</p>` : ""}
<p><small>${comparison.method}</small></p>`;
}
