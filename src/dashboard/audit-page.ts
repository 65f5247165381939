// The audit trail's state: chain verification on demand, the signed head, the last checkpoint, and exports.
import { html } from "hono/html";
import type { AuditEvent, SignedHead, VerifyReport } from "../audit/index.js";
import type { Html } from "./layout.js";
import { csrfField } from "./layout.js";
import type { DashboardSession } from "./sessions.js";

export function auditPage(
  base: string,
  info: { url: string; head: SignedHead | undefined; lastSeq: number; pinApprovals?: readonly AuditEvent[] },
  session: DashboardSession,
  options: { mayExport: boolean; mayCheckpoint: boolean },
): Html {
  const head = info.head;
  return html`<table>
<tr><th>store</th><td><code>${info.url}</code></td></tr>
<tr><th>head</th><td>${head ? html`event <b data-head-seq="${head.headSeq}">${head.headSeq}</b>, hash <code>${head.headHash}</code>` : "no signed head (read-only or empty store)"}</td></tr>
<tr><th>last checkpoint</th><td>${head ? (head.lastCheckpointSeq > 0 ? html`at event ${head.lastCheckpointSeq}` : "none yet") : "—"}</td></tr>
<tr><th>head signed</th><td>${head ? html`${head.signedAt} by key <code>${head.keyId}</code> (${head.algorithm})` : "—"}</td></tr>
<tr><th>runs list indexed to</th><td>event ${info.lastSeq}</td></tr>
</table>
<section id="verify">
<form method="post" action="${base}/audit/verify" hx-post="${base}/audit/verify" hx-target="#verify-result" hx-swap="innerHTML">${csrfField(session)}<button type="submit">Verify the chain</button></form>
<div id="verify-result" aria-live="polite"></div>
</section>
${options.mayCheckpoint ? html`<form method="post" action="${base}/audit/checkpoint">${csrfField(session)}<button type="submit">Write a signed checkpoint now</button></form>` : ""}
${options.mayExport
  ? html`<p>Export the whole chain: <a href="${base}/audit/export.jsonl" download>JSONL</a> · <a href="${base}/audit/export.otlp.json" download>OTel (OTLP/JSON, latest 500 runs)</a></p>`
  : html`<p>Exports need the admin role.</p>`}
${pinApprovalsTable(info.pinApprovals ?? [])}`;
}

const field = (event: AuditEvent, key: string): string => {
  const data = event.data as Record<string, unknown> | null;
  const value = data && typeof data === "object" ? data[key] : undefined;
  return typeof value === "string" ? value : "";
};

/** Changed tool definitions a person re-approved (`toolgate mcp pins approve`), newest first, from the signed trail. */
function pinApprovalsTable(events: readonly AuditEvent[]): Html {
  if (events.length === 0) return html`<h2>Tool re-approvals</h2><p>No changed tool definition has been re-approved (<code>toolgate mcp pins approve</code>).</p>`;
  return html`<h2>Tool re-approvals</h2>
<table id="pin-approvals">
<thead><tr><th>at</th><th>server</th><th>tool</th><th>was</th><th>approved by</th><th>reason</th><th>new digest</th><th>event</th></tr></thead>
<tbody>${[...events].reverse().map(
  (event) =>
    html`<tr data-pin-tool="${field(event, "tool")}"><td>${event.at}</td><td>${field(event, "server")}</td><td><code>${field(event, "tool")}</code></td><td>${field(event, "status")}</td><td>${field(event, "approvedBy")}</td><td>${field(event, "reason")}</td><td><code>${field(event, "digest").slice(0, 19)}</code></td><td>${event.seq}</td></tr>`,
)}</tbody>
</table>`;
}

export function verifyResult(report: VerifyReport): Html {
  return report.ok
    ? html`<p class="ok" role="status" data-verify="ok">The chain verifies: ${report.eventsChecked} events and ${report.checkpointsChecked} checkpoints checked.</p>`
    : html`<p class="error" role="alert" data-verify="broken">The chain is broken at event ${report.firstProblem?.seq ?? "?"} (${report.firstProblem?.kind ?? "unknown"}): ${report.firstProblem?.message ?? ""} — ${report.eventsChecked} events checked.</p>`;
}
