// One run, step by step: what the router exposed, what the model answered, and for each proposed call its raw and
// decoded arguments, every stage verdict (rule id, policy digest), taint and provenance, effects and what the model
// was sent back — with a badge that says at a glance whether a routing miss, a model mistake or a policy block hit it.
import { html } from "hono/html";
import type { AuditedCall, AuditedRun, AuditedStep } from "../audit/index.js";
import type { JsonValue } from "../record/index.js";
import { diagnoseCall } from "./call-diagnosis.js";
import type { Html } from "./layout.js";
import { jsonBlock } from "./layout.js";

const member = (value: JsonValue | undefined, key: string): JsonValue | undefined =>
  value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value) ? value[key] : undefined;

function runTokens(run: AuditedRun): { input: number; output: number } {
  let input = 0;
  let output = 0;
  for (const step of run.steps) {
    input += step.model?.data.usage.inputTokens ?? 0;
    output += step.model?.data.usage.outputTokens ?? 0;
  }
  return { input, output };
}

function principalOf(run: AuditedRun): string | undefined {
  const fromStart = member(run.started?.data as unknown as JsonValue, "principal");
  const id = member(fromStart, "id") ?? member(run.calls[0]?.proposed?.data.principal as unknown as JsonValue, "id");
  return typeof id === "string" ? id : undefined;
}

export function tracePage(base: string, run: AuditedRun, options: { mayExport: boolean }): Html {
  const tokens = runTokens(run);
  const finished = run.finished?.data as unknown as Record<string, JsonValue> | undefined;
  const diagnoses = run.calls.map((call) => diagnoseCall(call, run.steps.find((step) => step.step === call.step)));
  const counts = new Map<string, number>();
  for (const diagnosis of diagnoses) counts.set(diagnosis.kind, (counts.get(diagnosis.kind) ?? 0) + 1);
  const id = encodeURIComponent(run.traceId);
  return html`<section id="trace" data-trace="${run.traceId}">
<table>
<tr><th>trace</th><td><code>${run.traceId}</code></td><th>model</th><td>${(run.started?.data as { model?: string } | undefined)?.model ?? "—"}</td></tr>
<tr><th>principal</th><td>${principalOf(run) ?? "—"}</td><th>stop</th><td>${String(finished?.stopReason ?? finished?.outcome ?? "running")}</td></tr>
<tr><th>started</th><td>${run.started?.at ?? run.events[0]?.at ?? "—"}</td><th>finished</th><td>${run.finished?.at ?? "—"}</td></tr>
<tr><th>duration</th><td>${typeof finished?.durationMs === "number" ? `${Math.round(finished.durationMs)} ms` : "—"}</td><th>tokens</th><td>${tokens.input} in / ${tokens.output} out</td></tr>
<tr><th>calls</th><td colspan="3">${[...counts].map(([kind, count]) => html`<span class="badge k-${kind}">${count} ${kind}</span> `)}</td></tr>
</table>
${options.mayExport
  ? html`<p><a href="${base}/runs/${id}/export.jsonl" download>Export JSONL</a> · <a href="${base}/runs/${id}/export.otlp.json" download>Export OTel (OTLP/JSON)</a></p>`
  : ""}
${run.steps.map((step) => stepView(step, run, diagnoses))}
</section>`;
}

function stepView(step: AuditedStep, run: AuditedRun, diagnoses: ReturnType<typeof diagnoseCall>[]): Html {
  const routing = step.routing?.data;
  const model = step.model?.data;
  return html`<section class="step" data-step="${step.step}">
<h2>Step ${step.step}</h2>
${routing
  ? html`<p>routing: ${routing.routing?.router ?? "all tools"} exposed ${routing.exposedTools.length} tool(s): <code>${routing.exposedTools.join(", ")}</code>${routing.routing?.reason ? ` (${routing.routing.reason})` : ""}</p>`
  : ""}
${model
  ? html`<p>model ${model.model}: ${model.finishReason}, ${Math.round(model.latencyMs)} ms, ${model.usage.inputTokens ?? 0} → ${model.usage.outputTokens ?? 0} tokens, ${model.output.toolCalls.length} call(s), ${model.output.textChars} chars of text</p>`
  : ""}
${step.calls.map((call) => callView(call, diagnoses[run.calls.indexOf(call)]!))}
</section>`;
}

function callView(call: AuditedCall, diagnosis: ReturnType<typeof diagnoseCall>): Html {
  const proposed = call.proposed?.data;
  const executed = call.executed?.data;
  return html`<article class="call" data-call="${call.callId}" data-diagnosis="${diagnosis.kind}">
<h3>${proposed?.toolName ?? proposed?.name ?? "(unnamed)"} <span class="badge k-${diagnosis.kind}">${diagnosis.label}</span></h3>
<p>${proposed?.risk ? html`risk <b>${proposed.risk}</b> · ` : ""}${proposed?.area ? html`area ${proposed.area} · ` : ""}call <code>${call.callId}</code>${proposed?.callDigest ? html` · digest <code>${proposed.callDigest.slice(0, 16)}</code>` : ""}</p>
<details open><summary>arguments</summary>
<p>raw (as the model sent it):</p><pre class="raw-args">${proposed?.arguments ?? "—"}</pre>
<p>decoded:</p>${jsonBlock(proposed?.decodedArguments)}
${proposed?.repairs?.length ? html`<p>repairs:</p>${jsonBlock(proposed.repairs)}` : ""}
</details>
<table class="verdicts">
<thead><tr><th>stage</th><th>outcome</th><th>rule</th><th>reason</th><th>policy digest</th><th>µs</th></tr></thead>
<tbody>${call.verdicts.map(({ data }) => {
  const digest = member(data.detail, "policyDigest");
  return html`<tr data-stage="${data.stage}" data-outcome="${String(data.outcome)}"><td>${data.stage}</td><td>${String(data.outcome)}</td><td>${data.ruleId ? html`<code class="rule">${data.ruleId}</code>` : "—"}</td><td>${data.reason ?? ""}${data.approver ? ` (by ${data.approver})` : ""}</td><td>${typeof digest === "string" ? html`<code>${digest.slice(0, 16)}</code>` : "—"}</td><td>${data.durationUs ?? ""}</td></tr>`;
})}</tbody>
</table>
${proposed?.taint?.length
  ? html`<p>taint:</p><ul>${proposed.taint.map((entry) => html`<li><code>${entry.path}</code> from ${entry.sources.map((source) => `${source.toolName} (${source.callId}, ${source.match})`).join(", ")}${entry.endorsedByUser ? " — the user typed it too" : ""}</li>`)}</ul>`
  : html`<p>taint: none</p>`}
${proposed?.provenance?.length
  ? html`<p>provenance:</p><ul>${proposed.provenance.map((entry) => html`<li><code>${entry.path}</code> (${entry.kind}) ${entry.proven ? "proven" : html`<b>not proven</b>`} by ${entry.sources.length} source(s)${entry.value ? html`: <code>${entry.value}</code>` : ""}</li>`)}</ul>`
  : ""}
${executed
  ? html`<p>execution: <b>${executed.status}</b>${executed.ran ? "" : " (nothing ran)"}, ${Math.round(executed.durationMs)} ms</p><p>sent back to the model:</p>${jsonBlock(executed.outcome)}`
  : ""}
${call.effects?.data.effects.length ? html`<p>effects:</p>${jsonBlock(call.effects.data.effects)}` : ""}
${call.late?.length ? html`<p>finished late:</p>${jsonBlock(call.late.map((entry) => entry.data))}` : ""}
</article>`;
}
