// Replay: recorded calls judged again by the gate's own decision stages (decideCall) against today's tools and policy; nothing is asked or run.
import { allowAll } from "../policy/index.js";
import type { Policy } from "../policy/index.js";
import type { CallRecord, GateStage, JsonValue, RecordedCall, ToolError, Verdict } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { decideCall } from "./decide-call.js";
import type { DecodeOptions } from "./decode-arguments.js";

export interface ReplayOptions {
  /** Today's tools. */
  registry: ToolRegistry;
  /** Today's policy. Default: allow everything (the gate's default). */
  policy?: Policy;
  decode?: DecodeOptions;
}

/** How the gate would treat a call: refused at a stage, held for a person, or let through to execution. */
export type ReplayDecision =
  | { kind: "refused"; stage: GateStage; outcome: string; reason?: string; ruleId?: string; path?: string; expected?: string }
  | { kind: "approval-required"; reason?: string; ruleId?: string }
  | { kind: "allowed"; ruleId?: string }
  /** The record does not hold enough to decide (the argument text was redacted and never decoded). */
  | { kind: "unknown"; reason: string };

export interface ReplayedCall {
  /** 1-based position in the run, in the order the model proposed the calls. */
  number: number;
  callId: string;
  step: number;
  index: number;
  /** The canonical tool name when it resolves (then or now), else the name the model sent. */
  name: string;
  recorded: { status: string; decision: ReplayDecision; toolDigest?: string; approver?: string; summary: string };
  today: { decision: ReplayDecision; toolDigest?: string; summary: string };
  /** Every difference worth a reader's attention, one line each; empty when the call would be decided the same. */
  changes: string[];
  /** Caveats that do not change the decision (e.g. redacted fields that could not be re-validated). */
  notes: string[];
}

export interface ReplayReport {
  traceId: string;
  calls: ReplayedCall[];
  /** Calls with at least one change. */
  changed: number;
}

const decisionStages: readonly GateStage[] = ["decode", "resolve", "validate", "policy"];

/**
 * Judges every recorded call of one run again with decideCall — the stages the gate itself runs — handing it the
 * principal, taint and provenance the record kept, so principal, role, taint and provenance rules decide as they
 * did. Approval is noted as required, never asked; no tool is executed.
 */
export async function replayCalls(traceId: string, recorded: readonly RecordedCall[], options: ReplayOptions): Promise<ReplayReport> {
  const calls: ReplayedCall[] = [];
  for (const [position, entry] of recorded.entries()) calls.push(await replayCall(entry, position + 1, options));
  return { traceId, calls, changed: calls.filter((call) => call.changes.length > 0).length };
}

async function replayCall(entry: RecordedCall, number: number, options: ReplayOptions): Promise<ReplayedCall> {
  const { call } = entry;
  const notes: string[] = [];
  const recorded = recordedDecision(entry);
  const today = await decideToday(entry, options, notes);
  const todayTool = options.registry.get(call.toolName ?? call.proposed.name);
  const displayName = todayTool?.name ?? call.toolName ?? call.proposed.name;

  const changes: string[] = [];
  if (isLimitRefusal(call)) {
    // Counts of calls per step, per run and per minute are not replayed: the other calls are not running now.
    notes.push(`refused then by a call cap or rate limit (${recorded.decision.kind === "refused" ? recorded.decision.ruleId ?? "limit" : "limit"}), which replay does not count; today's stages: ${today.summary}`);
  } else if (!sameDecision(recorded.decision, today.decision)) {
    changes.push(`recorded ${recorded.summary} → today: ${today.summary}`);
  }
  if (call.toolDigest && today.toolDigest && call.toolDigest !== today.toolDigest) {
    changes.push(`tool digest changed: ${short(call.toolDigest)} → ${short(today.toolDigest)}`);
  } else if (call.toolName && !todayTool) {
    changes.push(`tool ${call.toolName} no longer exists`);
  }
  if (today.decision.kind === "refused" && today.decision.stage === "validate" && recorded.decision.kind !== "refused") {
    changes.push(`validation now fails at ${today.decision.path || "/"}${today.decision.expected ? `: expected ${today.decision.expected}` : today.decision.reason ? `: ${today.decision.reason}` : ""}`);
  }
  return {
    number,
    callId: call.id,
    step: call.step,
    index: call.index,
    name: displayName,
    recorded,
    today: { decision: today.decision, ...(today.toolDigest ? { toolDigest: today.toolDigest } : {}), summary: today.summary },
    changes,
    notes,
  };
}

async function decideToday(entry: RecordedCall, options: ReplayOptions, notes: string[]): Promise<{ decision: ReplayDecision; toolDigest?: string; summary: string }> {
  const decided = (decision: ReplayDecision, toolDigest?: string) => ({ decision, ...(toolDigest ? { toolDigest } : {}), summary: describeDecision(decision) });
  if (!entry.proposed) return decided({ kind: "unknown", reason: "the proposal is not on record" });
  const { call, redacted } = entry;
  const textRedacted = redacted.includes("/proposed/arguments");
  const kept = call.arguments;
  if (textRedacted && (kept === null || typeof kept !== "object" || Array.isArray(kept))) return decided({ kind: "unknown", reason: "the argument text was redacted and never decoded" });
  if (textRedacted) notes.push("the argument text was redacted; replayed from the decoded arguments");
  // Redacted fields hold digests, not what the tool saw; a validation failure only there says nothing about today's schema.
  const hidden = redacted.filter((pointer) => pointer.startsWith("/arguments/")).map((pointer) => pointer.slice("/arguments".length));

  const scratch: CallRecord = {
    id: call.id, traceId: call.traceId, step: call.step, index: call.index, proposed: { ...call.proposed },
    repairs: [], verdicts: [], effects: [], outcome: { ok: true, result: null }, status: "rejected", startedAt: call.startedAt, durationMs: 0,
  };
  const result = await decideCall(scratch, {
    registry: options.registry,
    policy: options.policy ?? allowAll,
    ...(options.decode ? { decode: options.decode } : {}),
    ...(call.principal ? { principal: call.principal } : {}),
    // What the run knew then about where the values came from is what the rules decide on again.
    taintOf: () => structuredClone(call.taint ?? []),
    ...(call.provenance ? { provenanceOf: () => structuredClone(call.provenance ?? []) } : {}),
    ...(textRedacted ? { decodedArguments: kept as { [key: string]: JsonValue } } : {}),
    ...(hidden.length > 0
      ? {
          unverifiable: (error: ToolError) => {
            const failing = [error.path ?? "", ...(error.issues ?? []).map((issue) => issue.path)];
            if (!failing.every((path) => hidden.some((pointer) => path === pointer || path.startsWith(`${pointer}/`)))) return undefined;
            notes.push(`redacted fields (${hidden.join(", ")}) could not be re-validated`);
            return `redacted fields (${hidden.join(", ")}) could not be re-validated`;
          },
        }
      : {}),
  });
  const decision = decisionOf(scratch.verdicts, result.ok ? undefined : result.error);
  if (result.ok && decision.kind === "allowed" && call.callDigest && scratch.callDigest && call.callDigest !== scratch.callDigest && !redacted.some((pointer) => pointer.startsWith("/arguments"))) {
    notes.push(`the call digest differs from the recorded one (${short(call.callDigest)} → ${short(scratch.callDigest)}): an approval granted then would not bind now`);
  }
  return decided(decision, scratch.toolDigest);
}

/** The decision the verdicts show, the same reading for the recorded verdicts and today's. */
function decisionOf(verdicts: readonly Verdict[], error: ToolError | undefined): ReplayDecision {
  const refused = verdicts.find((verdict) => decisionStages.includes(verdict.stage) && (verdict.outcome === "fail" || verdict.outcome === "deny"));
  if (refused) {
    return {
      kind: "refused",
      stage: refused.stage,
      outcome: refused.outcome,
      ...(refused.reason ? { reason: refused.reason } : {}),
      ...(refused.ruleId ? { ruleId: refused.ruleId } : {}),
      ...(error?.path !== undefined ? { path: error.path } : {}),
      ...(error?.expected ? { expected: error.expected } : {}),
    };
  }
  const policy = verdicts.find((verdict) => verdict.stage === "policy");
  if (policy?.outcome === "approval-required" || verdicts.some((verdict) => verdict.stage === "approval")) {
    return { kind: "approval-required", ...(policy?.reason ? { reason: policy.reason } : {}), ...(policy?.ruleId ? { ruleId: policy.ruleId } : {}) };
  }
  if (policy) return { kind: "allowed", ...(policy.ruleId ? { ruleId: policy.ruleId } : {}) };
  return { kind: "unknown", reason: "no gate verdict is on record" };
}

function recordedDecision(entry: RecordedCall): ReplayedCall["recorded"] {
  const { call } = entry;
  const status = entry.finished ? call.status : call.verdicts.some((verdict) => ["fail", "deny", "rejected"].includes(verdict.outcome)) ? "rejected" : "unfinished";
  const error = call.outcome.ok ? undefined : call.outcome.error;
  const decision = decisionOf(call.verdicts, error);
  const approval = call.verdicts.find((verdict) => verdict.stage === "approval");
  const approver = approverOf(approval);
  let summary: string = status;
  if (decision.kind === "refused") summary = `rejected (${describeDecision(decision)})`;
  else if (approval) summary = `${status} (approval ${approval.outcome}${approver ? ` by ${approver}` : ""})`;
  return { status, decision, ...(call.toolDigest ? { toolDigest: call.toolDigest } : {}), ...(approver ? { approver } : {}), summary };
}

function approverOf(verdict: Verdict | undefined): string | undefined {
  const detail = verdict?.detail;
  if (detail === null || typeof detail !== "object" || Array.isArray(detail)) return undefined;
  return typeof detail.approver === "string" ? detail.approver : undefined;
}

function isLimitRefusal(call: CallRecord): boolean {
  return !call.outcome.ok && call.outcome.error.code === "limit_exceeded";
}

/** `policy deny (rule risk:deny-privileged)`, `validation fails at /amount_cents: expected integer`, `would run`. */
function describeDecision(decision: ReplayDecision): string {
  switch (decision.kind) {
    case "allowed":
      return "would run";
    case "approval-required":
      return `would require approval${decision.ruleId ? ` (rule ${decision.ruleId})` : ""}`;
    case "unknown":
      return `cannot tell: ${decision.reason}`;
    case "refused":
      switch (decision.stage) {
        case "policy":
          return `policy deny${decision.ruleId ? ` (rule ${decision.ruleId})` : decision.reason ? ` (${decision.reason})` : ""}`;
        case "validate":
          return `validation fails at ${decision.path || "/"}${decision.expected ? `: expected ${decision.expected}` : decision.reason ? `: ${decision.reason}` : ""}`;
        case "resolve":
          return "unknown tool";
        case "decode":
          return `arguments do not decode${decision.reason ? `: ${decision.reason}` : ""}`;
        default:
          return `${decision.stage} ${decision.outcome}`;
      }
  }
}

/** Same kind of decision at the same stage under the same rule; reasons may be reworded without counting as a change. */
function sameDecision(a: ReplayDecision, b: ReplayDecision): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "refused" && b.kind === "refused") {
    return a.stage === b.stage && (a.ruleId ?? "") === (b.ruleId ?? "") && (a.stage !== "validate" || (a.path ?? "") === (b.path ?? ""));
  }
  if (a.kind === "approval-required" && b.kind === "approval-required") return (a.ruleId ?? "") === (b.ruleId ?? "");
  // Allowed by another rule still runs: the decision is the same.
  return a.kind !== "unknown";
}

function short(digest: string): string {
  return digest.replace(/^(sha256:)?([0-9a-f]{12})[0-9a-f]*$/, "$1$2…");
}
