// Replay: every recorded call re-decided against today's tools and policy with the gate's own stages, nothing executed.
import { checkPolicy, decodeArguments, resolveTool, validateArguments } from "../gate/index.js";
import { digestOf, type GateStage, type JsonValue, type ToolError } from "../record/index.js";
import type { DecodeOptions } from "../gate/index.js";
import { allowAll } from "../policy/index.js";
import type { Policy, PolicyInput } from "../policy/index.js";
import type { ToolRegistry } from "../tool/index.js";
import type { AuditedCall } from "./export-run.js";
import { auditedRun, callDisposition } from "./export-run.js";
import type { AuditEvent } from "./types.js";

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

export class ReplayError extends Error {
  override readonly name = "ReplayError";
}

/**
 * Re-evaluates every recorded call of one run (decode → resolve → validate → policy) and compares the decision
 * with the one on record. Approval is noted as required, never asked; no tool is executed.
 */
export async function replayTrace(events: readonly AuditEvent[], options: ReplayOptions & { traceId?: string }): Promise<ReplayReport> {
  const traceId = options.traceId ?? events.find((event) => event.type !== "checkpoint" && event.type !== "retention.pruned")?.traceId;
  const run = traceId === undefined ? undefined : auditedRun(events, traceId);
  if (!run) throw new ReplayError(`no recorded run${traceId ? ` ${traceId}` : ""} among the events given; pass the events of one trace (store.read({ traceId }))`);
  const policy = options.policy ?? allowAll;
  const calls: ReplayedCall[] = [];
  for (const [position, call] of run.calls.entries()) calls.push(await replayCall(call, position + 1, run.traceId, options, policy));
  return { traceId: run.traceId, calls, changed: calls.filter((call) => call.changes.length > 0).length };
}

async function replayCall(call: AuditedCall, number: number, traceId: string, options: ReplayOptions, policy: Policy): Promise<ReplayedCall> {
  const proposed = call.proposed?.data;
  const recorded = recordedDecision(call);
  const notes: string[] = [];
  const redacted = call.proposed?.redacted ?? [];
  const name = proposed?.name ?? call.executed?.data.toolName ?? "unknown";
  const today = await decideToday();
  const todayTool = options.registry.get(proposed?.toolName ?? name);
  const displayName = todayTool?.name ?? proposed?.toolName ?? name;

  const changes: string[] = [];
  if (!sameDecision(recorded.decision, today.decision)) changes.push(`recorded ${recorded.summary} → today: ${today.summary}`);
  if (proposed?.toolDigest && today.toolDigest && proposed.toolDigest !== today.toolDigest) {
    changes.push(`tool digest changed: ${short(proposed.toolDigest)} → ${short(today.toolDigest)}`);
  } else if (proposed?.toolName && !todayTool) {
    changes.push(`tool ${proposed.toolName} no longer exists`);
  }
  if (today.decision.kind === "refused" && today.decision.stage === "validate" && recorded.decision.kind !== "refused") {
    changes.push(`validation now fails at ${today.decision.path || "/"}${today.decision.expected ? `: expected ${today.decision.expected}` : today.decision.reason ? `: ${today.decision.reason}` : ""}`);
  }

  return {
    number,
    callId: call.callId,
    step: call.step,
    index: call.index,
    name: displayName,
    recorded,
    today: { decision: today.decision, ...(today.toolDigest ? { toolDigest: today.toolDigest } : {}), summary: today.summary },
    changes,
    notes,
  };

  async function decideToday(): Promise<{ decision: ReplayDecision; toolDigest?: string; summary: string }> {
    const decided = (decision: ReplayDecision, toolDigest?: string) => ({ decision, toolDigest, summary: describeDecision(decision) });
    if (!proposed) return decided({ kind: "unknown", reason: "the proposal is not on record" });

    let args: { [key: string]: JsonValue };
    if (typeof proposed.arguments === "string") {
      const decoded = decodeArguments(proposed.arguments, options.decode);
      if (!decoded.ok) return decided(refusal("decode", "fail", decoded.error));
      args = decoded.value;
    } else if (isObject(proposed.decodedArguments)) {
      // The raw text was redacted (the tool declares sensitive fields); the decoded arguments, minus those fields, remain.
      args = proposed.decodedArguments;
      notes.push("the argument text was redacted; replayed from the decoded arguments");
    } else {
      return decided({ kind: "unknown", reason: "the argument text was redacted and never decoded" });
    }

    const resolved = resolveTool(name, options.registry);
    if (!resolved.ok) return decided(refusal("resolve", "fail", resolved.error));
    const tool = resolved.tool;

    const validated = validateArguments(tool, args);
    if (!validated.ok) {
      const failing = [validated.error.path ?? "", ...(validated.error.issues ?? []).map((issue) => issue.path)];
      const hidden = redacted.filter((pointer) => pointer.startsWith("/decodedArguments/")).map((pointer) => pointer.slice("/decodedArguments".length));
      // A redacted field holds a digest, not the value the tool saw; failures there say nothing about today's schema.
      if (hidden.length > 0 && failing.every((path) => hidden.some((pointer) => path === pointer || path.startsWith(`${pointer}/`)))) {
        notes.push(`redacted fields (${hidden.join(", ")}) could not be re-validated`);
      } else {
        return decided(refusal("validate", "fail", validated.error), tool.digest);
      }
    }

    const callDigest = digestOf({ tool: tool.name, arguments: args });
    const input: PolicyInput = { traceId, callId: call.callId, toolName: tool.name, ...(tool.providerName !== tool.name ? { providerName: tool.providerName } : {}), toolDigest: tool.digest, area: tool.area, risk: tool.risk, arguments: args, callDigest };
    const checked = await checkPolicy((policyInput) => policy.evaluate(policyInput), input);
    if (!checked.ok) return decided({ ...refusal("policy", "deny", checked.error), ...(checked.decision.ruleId ? { ruleId: checked.decision.ruleId } : {}), reason: checked.decision.reason }, tool.digest);
    if (checked.decision.effect === "require-approval") {
      return decided({ kind: "approval-required", reason: checked.decision.reason, ...(checked.decision.ruleId ? { ruleId: checked.decision.ruleId } : {}) }, tool.digest);
    }
    if (proposed.callDigest && proposed.callDigest !== callDigest && !redacted.some((pointer) => pointer.startsWith("/decodedArguments"))) {
      notes.push(`the call digest differs from the recorded one (${short(proposed.callDigest)} → ${short(callDigest)}): an approval granted then would not bind now`);
    }
    return decided({ kind: "allowed", ...(checked.decision.ruleId ? { ruleId: checked.decision.ruleId } : {}) }, tool.digest);
  }
}

function recordedDecision(call: AuditedCall): ReplayedCall["recorded"] {
  const { status } = callDisposition(call);
  const verdicts = call.verdicts.map((verdict) => verdict.data);
  const refused = verdicts.find((verdict) => ["decode", "resolve", "validate", "policy"].includes(verdict.stage) && verdict.outcome !== "pass" && verdict.outcome !== "approval-required");
  const approval = verdicts.find((verdict) => verdict.stage === "approval");
  const policyVerdict = verdicts.find((verdict) => verdict.stage === "policy");
  const outcome = call.executed?.data.outcome;
  const error = outcome && !outcome.ok ? outcome.error : undefined;
  let decision: ReplayDecision;
  if (refused) {
    decision = {
      kind: "refused",
      stage: refused.stage,
      outcome: refused.outcome,
      ...(refused.reason ? { reason: refused.reason } : {}),
      ...(refused.ruleId ? { ruleId: refused.ruleId } : {}),
      ...(error?.path !== undefined ? { path: error.path } : {}),
      ...(error?.expected ? { expected: error.expected } : {}),
    };
  } else if (policyVerdict?.outcome === "approval-required" || approval) {
    decision = { kind: "approval-required", ...(policyVerdict?.reason ? { reason: policyVerdict.reason } : {}), ...(policyVerdict?.ruleId ? { ruleId: policyVerdict.ruleId } : {}) };
  } else if (policyVerdict) {
    decision = { kind: "allowed", ...(policyVerdict.ruleId ? { ruleId: policyVerdict.ruleId } : {}) };
  } else {
    decision = { kind: "unknown", reason: "no gate verdict is on record" };
  }
  let summary = status;
  if (decision.kind === "refused") summary = `rejected (${describeDecision(decision)})`;
  else if (approval) summary = `${status} (approval ${approval.outcome}${approval.approver ? ` by ${approval.approver}` : ""})`;
  return {
    status,
    decision,
    ...(call.proposed?.data.toolDigest ? { toolDigest: call.proposed.data.toolDigest } : {}),
    ...(approval?.approver ? { approver: approval.approver } : {}),
    summary,
  };
}

/** `policy deny (rule risk:deny-privileged)`, `validation fails at /amount_cents: expected integer`, `would run`. */
export function describeDecision(decision: ReplayDecision): string {
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

function refusal(stage: GateStage, outcome: string, error: ToolError): Extract<ReplayDecision, { kind: "refused" }> {
  return {
    kind: "refused",
    stage,
    outcome,
    reason: error.message,
    ...(error.path !== undefined ? { path: error.path } : {}),
    ...(error.expected ? { expected: error.expected } : {}),
  };
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

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
