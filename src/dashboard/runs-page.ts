// The runs list: filters (principal, tool, status, verdict, time) and one keyset page, newest first.
import { html } from "hono/html";
import type { Html } from "./layout.js";
import type { RunFilter, RunPage } from "./run-index.js";
import { runStatuses, runVerdicts } from "./run-row.js";

function filterQuery(filter: RunFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

const select = (name: string, label: string, options: readonly string[], chosen: string | undefined) =>
  html`<label>${label}<select name="${name}"><option value="">any</option>${options.map((option) => html`<option${option === chosen ? html` selected` : ""}>${option}</option>`)}</select></label>`;

export function runsFilters(base: string, filter: RunFilter): Html {
  return html`<form class="filters" method="get" action="${base}/runs" hx-get="${base}/runs" hx-target="#runs" hx-select="#runs" hx-swap="outerHTML" hx-push-url="true">
<label>principal<input name="principal" value="${filter.principal ?? ""}" size="12"></label>
<label>tool<input name="tool" value="${filter.tool ?? ""}" size="14"></label>
${select("status", "status", runStatuses, filter.status)}
${select("verdict", "verdict", runVerdicts, filter.verdict)}
<label>from (UTC)<input name="from" value="${filter.from ?? ""}" placeholder="2026-12-07T00:00" size="16"></label>
<label>to (UTC)<input name="to" value="${filter.to ?? ""}" size="16"></label>
<button type="submit">Filter</button>
</form>`;
}

export function runsTable(base: string, filter: RunFilter, result: RunPage): Html {
  return html`<section id="runs">
<table>
<thead><tr><th>started</th><th>trace</th><th>principal</th><th>model</th><th>status</th><th>verdict</th><th>calls</th><th>rejected</th><th>tools</th><th>ms</th></tr></thead>
<tbody>
${result.runs.length === 0 ? html`<tr><td colspan="10">no runs match</td></tr>` : ""}
${result.runs.map(
  (run) => html`<tr data-trace="${run.traceId}">
<td>${run.startedAt.replace("T", " ").slice(0, 19)}</td>
<td><a href="${base}/runs/${encodeURIComponent(run.traceId)}"><code>${run.traceId.slice(0, 13)}</code></a></td>
<td>${run.principal ?? "—"}</td><td>${run.model ?? "—"}</td>
<td><span class="badge s-${run.status}">${run.status}</span></td>
<td><span class="badge v-${run.verdict}">${run.verdict}</span></td>
<td>${run.calls}</td><td>${run.rejected}</td>
<td>${Object.keys(run.tools).join(", ")}</td>
<td>${run.durationMs === undefined ? "—" : Math.round(run.durationMs)}</td>
</tr>`,
)}
</tbody>
</table>
<p>${result.nextBefore === undefined ? html`<span>end of the list</span>` : html`<a rel="next" href="${base}/runs${filterQuery(filter, { before: String(result.nextBefore) })}">Older runs →</a>`}</p>
</section>`;
}
