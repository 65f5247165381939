// The overview: runs per minute, latency percentiles, and deny / approval rates per tool over the latest runs.
import { html } from "hono/html";
import type { Html } from "./layout.js";
import type { ToolRates } from "./run-index.js";
import type { RunRow } from "./run-row.js";

function percentile(sorted: readonly number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Runs per minute as uPlot columns (minute starts in seconds, counts), every minute from the first run's to the last
 * one's with zeros between, plus an empty minute either side: a chart of one point has no range to draw. At most
 * `maxMinutes` minutes, the latest.
 */
function runsPerMinute(runs: readonly RunRow[], maxMinutes = 360): [number[], number[]] {
  const counts = new Map<number, number>();
  for (const run of runs) {
    const minute = Math.floor(Date.parse(run.startedAt) / 60_000) * 60;
    if (Number.isFinite(minute)) counts.set(minute, (counts.get(minute) ?? 0) + 1);
  }
  if (counts.size === 0) return [[], []];
  const last = Math.max(...counts.keys()) + 60;
  const first = Math.max(Math.min(...counts.keys()) - 60, last - 60 * (maxMinutes - 1));
  const minutes: number[] = [];
  for (let minute = first; minute <= last; minute += 60) minutes.push(minute);
  return [minutes, minutes.map((minute) => counts.get(minute) ?? 0)];
}

export function overviewPage(runs: readonly RunRow[], tools: readonly ToolRates[]): Html {
  const durations = runs.flatMap((run) => (run.durationMs === undefined ? [] : [run.durationMs])).sort((a, b) => a - b);
  const denied = runs.filter((run) => run.verdict === "denied").length;
  const approvals = runs.filter((run) => run.verdict === "approval").length;
  const rate = (count: number) => (runs.length === 0 ? "—" : `${((100 * count) / runs.length).toFixed(1)}%`);
  const ms = (value: number | undefined) => (value === undefined ? "—" : `${Math.round(value)} ms`);
  const [minutes, counts] = runsPerMinute(runs);
  const chart = { title: "runs per minute", time: true, yLabel: "runs", series: [{ label: "runs", fill: true }], data: [minutes, counts] };
  return html`<p>Over the latest ${runs.length} runs.</p>
<table>
<tr><th>latency p50</th><td data-metric="p50">${ms(percentile(durations, 0.5))}</td><th>p95</th><td>${ms(percentile(durations, 0.95))}</td><th>p99</th><td>${ms(percentile(durations, 0.99))}</td></tr>
<tr><th>runs with a denial</th><td data-metric="deny-rate">${rate(denied)}</td><th>waiting on / through approval</th><td>${rate(approvals)}</td><th>errors</th><td>${rate(runs.filter((run) => run.status === "error").length)}</td></tr>
</table>
${minutes.length > 0 ? html`<div class="chart" data-chart="${JSON.stringify(chart)}"></div>` : ""}
<h2>Per tool</h2>
<table>
<thead><tr><th>tool</th><th>calls</th><th>denied</th><th>deny rate</th><th>approvals asked</th><th>approval rate</th></tr></thead>
<tbody>${tools.map((tool) => html`<tr data-tool="${tool.tool}"><td>${tool.tool}</td><td>${tool.calls}</td><td>${tool.denied}</td><td>${tool.calls ? `${((100 * tool.denied) / tool.calls).toFixed(1)}%` : "—"}</td><td>${tool.approvals}</td><td>${tool.calls ? `${((100 * tool.approvals) / tool.calls).toFixed(1)}%` : "—"}</td></tr>`)}</tbody>
</table>`;
}
