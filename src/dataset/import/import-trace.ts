// toolgate's own traces → training rows: captured content (messages, tools shown) joined with the audit trail by trace
// id, and kept only when the gate's and the eval's records say the run is worth training on. Every trace left out is
// reported with its reason; a call the gate rejected for the model's own mistake (bad JSON, unknown tool, invalid
// arguments) followed by a corrected call makes an "error-recovery" row, whose tool message is the gate's structured
// error and whose rejected turn is kept as untrained context (weight 0).
import type { AuditedCall, AuditedRun, AuditStore } from "../../audit/index.js";
import { auditedRun } from "../../audit/index.js";
import type { CaptureQuery, CaptureStore, CapturedTrace } from "../../capture/index.js";
import type { ToolErrorCode } from "../../record/index.js";
import type { JsonObject, RecordTool } from "../record.js";
import { dropTrailingResults, recordMessagesOf } from "./chat-messages.js";
import type { ImportOptions, ImportOutcome } from "./row-builder.js";
import { RowContext } from "./row-builder.js";

export interface TraceImportOptions extends ImportOptions {
  capture: CaptureStore;
  audit: AuditStore;
  /** Only runs that acted for this principal. */
  principal?: string;
  /** Only runs started at or after this ISO date/time. */
  since?: string;
  /** Only runs started before this ISO date/time. */
  until?: string;
  /** Only runs captured by `eval run` whose case passed. */
  evalPassed?: boolean;
  /** Keep runs with calls carrying values from untrusted tool results (left out by default). */
  allowTainted?: boolean;
  /** Also report traces the audit trail holds in the range that were never captured (default true). */
  reportUncaptured?: boolean;
}

/** Why a trace was left out; also the `kind` of its problem in the import report. */
type TraceExclusionReason =
  | "not-captured"
  | "not-in-audit"
  | "content-mismatch"
  | "run-unfinished"
  | "run-stopped"
  | "principal-mismatch"
  | "eval-not-passed"
  | "denied-call"
  | "approval-not-granted"
  | "tainted-call"
  | "failed-call"
  | "rejected-call"
  | "rejected-call-not-recovered";

/** Gate errors the model causes itself and can correct in its next call. */
const modelMistakes = new Set<ToolErrorCode>(["invalid_json", "unknown_tool", "invalid_arguments"]);
// A run cut off at its step limit still holds whole call turns (eval cases allow one step): it is kept, ending at its
// last assistant turn; a run that failed, was aborted or waits for a person is not.
const badStops = new Set(["error", "aborted", "approval-pending"]);

type CallJudgement = { ok: true } | { ok: false; reason: TraceExclusionReason; message: string } | { ok: "mistake"; code: ToolErrorCode };

function judgeCall(call: AuditedCall, allowTainted: boolean): CallJudgement {
  const where = `call ${call.proposed?.data.name ?? call.callId} (step ${call.step}, #${call.index})`;
  const verdicts = call.verdicts.map((verdict) => verdict.data);
  const denied = verdicts.find((verdict) => verdict.outcome === "deny");
  if (denied) return { ok: false, reason: "denied-call", message: `${where} was denied at ${denied.stage}${denied.ruleId ? ` by rule ${denied.ruleId}` : ""}` };
  const asked = verdicts.some((verdict) => verdict.outcome === "approval-required");
  const approved = verdicts.some((verdict) => verdict.outcome === "approved");
  if (verdicts.some((verdict) => verdict.stage === "approval" && verdict.outcome === "rejected") || (asked && !approved)) {
    return { ok: false, reason: "approval-not-granted", message: `${where} needed an approval that was not granted` };
  }
  const taint = call.proposed?.data.taint ?? [];
  if (taint.length > 0 && !allowTainted) return { ok: false, reason: "tainted-call", message: `${where} carried values from untrusted tool results (${taint.map((entry) => entry.path).join(", ")}); --allow-tainted keeps such runs` };
  const executed = call.executed?.data;
  if (!executed) return { ok: false, reason: "run-unfinished", message: `${where} has no recorded outcome` };
  if (executed.status === "succeeded") return { ok: true };
  const code = executed.outcome.ok ? undefined : executed.outcome.error.code;
  if (executed.status === "rejected" && code !== undefined && modelMistakes.has(code)) return { ok: "mistake", code };
  if (code === "policy_denied") return { ok: false, reason: "denied-call", message: `${where} was denied by the policy` };
  if (code === "approval_required" || code === "approval_denied") return { ok: false, reason: "approval-not-granted", message: `${where}: ${code}` };
  if (executed.status === "failed") return { ok: false, reason: "failed-call", message: `${where} failed: ${code ?? "error"}` };
  return { ok: false, reason: "rejected-call", message: `${where} was rejected: ${code ?? "unknown reason"}` };
}

function recordTools(trace: CapturedTrace): RecordTool[] {
  return trace.tools.map((tool) => ({ type: "function", function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } }));
}

/** The captured content and the trail must tell the same story: every audited call appears as a captured tool call. */
function contentMismatch(trace: CapturedTrace, run: AuditedRun): string | undefined {
  const captured = new Set(trace.messages.flatMap((message) => (message.role === "assistant" ? (message.toolCalls ?? []).map((call) => call.id) : [])));
  const missing = run.calls.filter((call) => call.proposed !== undefined && !captured.has(call.proposed.data.modelCallId));
  if (missing.length > 0) return `${missing.length} audited call(s) are not in the captured content (first: ${missing[0]!.proposed!.data.modelCallId})`;
  if (captured.size !== run.calls.length) return `the content holds ${captured.size} call(s), the audit trail ${run.calls.length}`;
  return undefined;
}

/** Judges one captured trace against its audited run: a row, or the reason it is left out. */
function traceRow(trace: CapturedTrace, run: AuditedRun | undefined, context: RowContext, options: Pick<TraceImportOptions, "principal" | "evalPassed" | "allowTainted">): ImportOutcome {
  if (!run || !run.started) return context.problem("not-in-audit", `trace ${trace.traceId} has captured content but no run in the audit trail (its decisions cannot be checked)`);
  const mismatch = contentMismatch(trace, run);
  if (mismatch) return context.problem("content-mismatch", mismatch);
  if (!run.finished) return context.problem("run-unfinished", "the run has no run.finished event in the audit trail");
  if (badStops.has(run.finished.data.stopReason)) return context.problem("run-stopped", `the run stopped with ${run.finished.data.stopReason}`);
  if (options.principal !== undefined) {
    const principals = new Set([trace.principal?.id, ...run.calls.map((call) => call.proposed?.data.principal?.id)].filter((id): id is string => id !== undefined));
    if (!principals.has(options.principal) || principals.size > 1) return context.problem("principal-mismatch", `the run acted for ${principals.size > 0 ? [...principals].join(", ") : "no principal"}, not ${options.principal}`);
  }
  if (options.evalPassed && trace.evalCase?.passed !== true) {
    return context.problem("eval-not-passed", trace.evalCase ? `eval case ${trace.evalCase.id} did not pass` : `the run was captured by ${trace.source}, not by an eval run`);
  }

  const mistakes: AuditedCall[] = [];
  for (const call of run.calls) {
    const judgement = judgeCall(call, options.allowTainted ?? false);
    if (judgement.ok === false) return context.problem(judgement.reason, judgement.message);
    if (judgement.ok === "mistake") mistakes.push(call);
  }
  // A mistake counts as recovered when a later step made a call that ran: the same tool, or any tool after an unknown name.
  for (const mistake of mistakes) {
    const name = mistake.proposed?.data.name;
    const code = mistake.executed?.data.outcome.ok === false ? mistake.executed.data.outcome.error.code : undefined;
    const corrected = run.calls.some((later) => later.step > mistake.step && later.executed?.data.status === "succeeded" && (code === "unknown_tool" || later.proposed?.data.name === name));
    if (!corrected) return context.problem("rejected-call-not-recovered", `call ${name} (step ${mistake.step}) was rejected (${code}) and never corrected`);
  }

  const untrained = new Set(mistakes.map((call) => call.proposed!.data.modelCallId));
  const messages = recordMessagesOf(trace.messages, context, untrained);
  // Results after the last assistant turn (a run stopped at its step limit) have no answer to train: the row ends at the calls.
  const trimmed = dropTrailingResults(messages);
  if (trimmed > 0) context.repair("trailing-results-dropped", `messages[${messages.length}]`, `${trimmed} tool result(s) after the last assistant turn (the run stopped with ${run.finished.data.stopReason})`);
  const extra: JsonObject = { model: trace.model, capturedBy: trace.source, startedAt: trace.startedAt, auditHeadSeq: run.finished.seq };
  if (trace.principal) extra.principal = trace.principal.id;
  if (trace.evalCase) extra.evalCase = { id: trace.evalCase.id, passed: trace.evalCase.passed };
  if (mistakes.length > 0) extra.recoveredErrors = mistakes.map((call) => (call.executed?.data.outcome.ok === false ? call.executed.data.outcome.error.code : "error"));
  if (trace.redactions > 0) extra.maskedStrings = trace.redactions;
  const outcome = context.finish(messages, recordTools(trace), { conversationId: trace.conversationId ?? trace.traceId, extra, ...(mistakes.length > 0 ? { category: "error-recovery" as const } : {}) });
  if (outcome.record) outcome.record.meta.traceId = trace.traceId;
  return outcome;
}

/**
 * Streams rows from every captured trace in the range (in the order runs started), each joined with its audit run;
 * traces left out come back as problems whose `kind` is a TraceExclusionReason and whose rowId is the trace id.
 */
export async function* importTraces(options: TraceImportOptions): AsyncGenerator<ImportOutcome> {
  const query: CaptureQuery = {};
  if (options.since !== undefined) query.since = options.since;
  if (options.until !== undefined) query.until = options.until;
  const captured = await options.capture.list(query);
  const source = options.capture.url;
  for (const [index, trace] of captured.entries()) {
    const context = new RowContext(source, "trace", { value: trace, index }, { licence: "proprietary", ...options }, trace.traceId);
    const events = await options.audit.read({ traceId: trace.traceId });
    yield traceRow(trace, auditedRun(events, trace.traceId), context, options);
  }
  if (options.reportUncaptured === false) return;
  const capturedIds = new Set(captured.map((trace) => trace.traceId));
  const audited = await options.audit.listTraces({ limit: 100_000, ...(options.since !== undefined ? { since: options.since } : {}) });
  let index = captured.length;
  for (const summary of audited) {
    if (capturedIds.has(summary.traceId) || (options.until !== undefined && summary.startedAt >= options.until)) continue;
    const context = new RowContext(options.audit.url, "trace", { value: summary, index: index++ }, options, summary.traceId);
    yield context.problem("not-captured", `trace ${summary.traceId} is in the audit trail but its content was not captured (run it with --capture)`);
  }
}
