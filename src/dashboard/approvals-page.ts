// The approvals queue: each pending call in full (canonical call, its digest, who asks, the provenance and taint of
// its values), with approve / edit / deny forms that work by keyboard alone and without JavaScript.
import { html } from "hono/html";
import type { ApprovalAsk, StoredApproval } from "../policy/index.js";
import { canonicalJson } from "../record/index.js";
import type { Html } from "./layout.js";
import { csrfField, jsonBlock } from "./layout.js";
import type { DashboardSession } from "./sessions.js";

// Controls and bidi overrides could make a value read differently from what runs; show them as escapes instead.
const invisible = new RegExp("[\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]", "g");
const visibleText = (text: string) => text.replace(invisible, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function approvalsQueue(base: string, pending: StoredApproval[], session: DashboardSession, mayDecide: boolean, notice?: Html): Html {
  return html`<section id="queue">
${notice ?? ""}
<p>${pending.length} pending. Keys: <kbd>j</kbd>/<kbd>k</kbd> or arrows move between calls, <kbd>a</kbd> goes to Approve, <kbd>d</kbd> to the deny reason; Tab and Enter do the rest.</p>
${pending.map((entry, position) => approvalCard(base, entry, session, mayDecide, position))}
</section>`;
}

export function approvalCard(base: string, entry: StoredApproval, session: DashboardSession, mayDecide: boolean, position: number): Html {
  const request = entry.request;
  const id = encodeURIComponent(request.approvalId);
  const canonical = visibleText(JSON.stringify(JSON.parse(canonicalJson({ tool: request.toolName, arguments: request.arguments })), null, 2));
  const roleProblem = request.approverRole !== undefined && !(session.principal.roles ?? []).includes(request.approverRole);
  const decideAttrs = html`hx-target="closest article" hx-swap="outerHTML"`;
  return html`<article class="approval" tabindex="0" data-approval="${request.approvalId}" aria-label="approval ${position + 1}: ${request.toolName}">
<h2>${request.toolName} <small>asked ${request.requestedAt.replace("T", " ").slice(0, 19)}</small></h2>
<p>${request.ruleId ? html`rule <code class="rule">${request.ruleId}</code>: ` : ""}${request.reason}</p>
<p>for <b>${request.principal?.id ?? "unknown principal"}</b>${request.principal?.roles?.length ? ` (${request.principal.roles.join(", ")})` : ""} · trace <a href="${base}/runs/${encodeURIComponent(request.traceId)}"><code>${request.traceId.slice(0, 13)}</code></a> · call digest <code>${request.callDigest}</code>${request.policyDigest ? html` · policy <code>${request.policyDigest.slice(0, 16)}</code>` : ""}${request.approverRole ? html` · needs role <b>${request.approverRole}</b>` : ""}</p>
${entry.asks?.length ? html`<ul class="asks">${entry.asks.map(askLine)}</ul>` : ""}
<p>The call exactly as it would run (canonical JSON):</p>
<pre class="canonical-call">${canonical}</pre>
${request.shown?.provenance.length ? html`<p>Provenance of steering values:</p><ul>${request.shown.provenance.map((item) => html`<li><code>${item.path}</code> ${item.proven ? "traced to a trusted source" : html`<b>not traced to a trusted source</b>`}${item.sources.length ? html`: ${jsonBlock(item.sources)}` : ""}</li>`)}</ul>` : html`<p>No steering values were traced for this call.</p>`}
${request.shown?.taint.length ? html`<p><b>Values that came from untrusted tool results:</b></p><ul>${request.shown.taint.map((item) => html`<li><code>${item.path}</code> from ${item.sources.map((source) => source.toolName).join(", ")}</li>`)}</ul>` : ""}
${!mayDecide
  ? html`<p>Your role (${session.role}) may look but not decide.</p>`
  : roleProblem
    ? html`<p>This call needs the role <b>${request.approverRole}</b>, which you do not hold.</p>`
    : html`<form method="post" action="${base}/approvals/${id}/approve" hx-post="${base}/approvals/${id}/approve" ${decideAttrs}>
${csrfField(session)}
<label>reason (optional) <input name="reason" size="30"></label>
<details><summary>Edit arguments</summary><label>arguments to run instead (JSON object)<br><textarea name="editedArguments" rows="4" cols="60"></textarea></label></details>
<button type="submit" data-decide="approve">Approve</button>
</form>
<form method="post" action="${base}/approvals/${id}/deny" hx-post="${base}/approvals/${id}/deny" ${decideAttrs}>
${csrfField(session)}
<label>reason the model is told <input name="reason" data-for="deny" required size="30"></label>
<button type="submit" data-decide="deny">Deny</button>
</form>`}
</article>`;
}

/** A direct ask outside this queue (MCP elicitation): whoever decides here should know someone else is or was asked. */
function askLine(ask: ApprovalAsk): Html {
  const when = ask.at.replace("T", " ").slice(0, 19);
  const who = html`${ask.person ? html`<b>${visibleText(ask.person)}</b> at ` : ""}the MCP client <b>${visibleText(ask.client)}</b>`;
  const state =
    ask.outcome === "waiting"
      ? html`<b>waiting for their answer</b> (whichever decision is recorded first counts)`
      : ask.outcome === "unanswered"
        ? html`no answer (${visibleText(ask.detail ?? "none given")})`
        : html`answered${ask.detail ? html` (${visibleText(ask.detail)})` : ""}`;
  return html`<li class="ask" data-ask="${ask.outcome}">Asked ${who} through MCP elicitation at ${when}: ${state}.</li>`;
}

export function decidedCard(entry: StoredApproval): Html {
  const grant = entry.grant!;
  return html`<article class="approval decided" tabindex="0" data-approval="${entry.request.approvalId}" data-status="${entry.status}">
<p class="ok" role="status">${entry.request.toolName}: <b>${entry.status}</b> by ${grant.approver}${grant.editedArguments !== undefined ? " with edited arguments" : ""}; signed grant <code>${grant.signature.keyId}</code> bound to call <code>${grant.boundTo.callDigest.slice(0, 16)}</code>.</p>
</article>`;
}

export function decisionError(entry: StoredApproval | undefined, message: string): Html {
  return html`<article class="approval" tabindex="0"${entry ? html` data-approval="${entry.request.approvalId}"` : ""}><p class="error" role="alert">${message}</p></article>`;
}
