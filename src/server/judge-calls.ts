// Puts each tool call the upstream proposes through the gate's decision stages, against the client's tools.
import { randomUUID } from "node:crypto";
import type { AuditEventInput } from "../audit/index.js";
import { decideCall } from "../gate/index.js";
import type { ApprovalStore, Policy, TaintTracker } from "../policy/index.js";
import type { CallRecord, CallSink, JsonValue, Principal, ToolError } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import type { UpstreamToolCall } from "./upstream.js";
import type { ApprovalHold } from "./approval-waiter.js";

export type Judgement =
  | { kind: "allow"; call: UpstreamToolCall }
  /** Decode, resolve or validate refused it: the upstream may repair it. */
  | { kind: "invalid"; call: UpstreamToolCall; stage: string; error: ToolError }
  | { kind: "denied"; call: UpstreamToolCall; error: ToolError; ruleId?: string }
  | { kind: "needs-approval"; call: UpstreamToolCall; approvalId: string; reason?: string; approverRole?: string; toolDigest: string; callDigest: string };

export interface JudgeContext {
  traceId: string;
  step: number;
  registry: ToolRegistry;
  policy: Policy;
  principal: Principal;
  taint?: TaintTracker;
  /** Audit events are pushed here, in order. */
  events: AuditEventInput[];
  /** Sees each judged call's record (metrics). */
  sink?: CallSink;
  /** Told why each withheld call was withheld (metrics). */
  onWithheld?: (kind: Judgement["kind"]) => void;
  /** Where calls needing a person are recorded, so `toolgate approvals` and the dashboard can decide them. */
  approvals?: ApprovalStore;
  /** Holds calls needing approval until decided or the hold time ends (absent: returned pending at once). */
  hold?: ApprovalHold;
  /** Told when a request starts (+1) and stops (-1) waiting on a person (the held-approvals gauge). */
  onHeld?: (delta: number) => void;
}

export async function judgeCalls(calls: readonly UpstreamToolCall[], context: JudgeContext): Promise<Judgement[]> {
  const judged: Judgement[] = [];
  for (const [index, call] of calls.entries()) judged.push(await judgeCall(call, index, context));
  return judged;
}

async function judgeCall(call: UpstreamToolCall, index: number, context: JudgeContext): Promise<Judgement> {
  const judged = await decide(call, index, context);
  if (judged.kind !== "allow") context.onWithheld?.(judged.kind);
  return judged;
}

async function decide(call: UpstreamToolCall, index: number, context: JudgeContext): Promise<Judgement> {
  const at = new Date().toISOString();
  const record: CallRecord = {
    id: call.id,
    traceId: context.traceId,
    step: context.step,
    index,
    proposed: { id: call.id, name: call.function.name, arguments: call.function.arguments },
    repairs: [],
    verdicts: [],
    effects: [],
    outcome: { ok: false, error: { code: "aborted", message: "judged by the gateway; the client runs allowed calls" } },
    status: "rejected",
    startedAt: at,
    durationMs: 0,
  };
  context.events.push({ type: "call.proposed", traceId: context.traceId, callId: call.id, at, data: { step: context.step, index, name: call.function.name, arguments: call.function.arguments } });
  const taint = context.taint;
  const decided = await decideCall(record, {
    registry: context.registry,
    policy: context.policy,
    principal: context.principal,
    ...(taint ? { taintOf: (args: JsonValue) => taint.taintOf(args) } : {}),
    ...(taint?.provenanceOf ? { provenanceOf: (tool, args) => taint.provenanceOf!(tool, args) } : {}),
  });
  record.status = decided.ok && decided.decision.effect === "allow" ? "succeeded" : "rejected";
  context.sink?.record(record);
  for (const verdict of record.verdicts) {
    context.events.push({ type: "call.verdict", traceId: context.traceId, callId: call.id, at: new Date().toISOString(), data: verdict as unknown as JsonValue });
  }
  if (!decided.ok) {
    if (decided.stage === "policy") {
      const ruleId = record.verdicts.at(-1)?.ruleId;
      return { kind: "denied", call, error: decided.error, ...(ruleId ? { ruleId } : {}) };
    }
    return { kind: "invalid", call, stage: decided.stage, error: decided.error };
  }
  if (decided.decision.effect === "require-approval") {
    const decision = decided.decision;
    const toolDigest = record.toolDigest ?? "";
    const callDigest = record.callDigest ?? "";
    const approvalId = context.approvals
      ? (
          await context.approvals.requestFor({
            traceId: context.traceId,
            callId: call.id,
            toolName: call.function.name,
            toolDigest,
            callDigest,
            arguments: (record.arguments ?? null) as JsonValue,
            reason: decision.reason ?? "the call needs a person's approval",
            ...(decision.ruleId ? { ruleId: decision.ruleId } : {}),
            ...(decision.approverRole ? { approverRole: decision.approverRole } : {}),
            principal: context.principal,
          })
        ).request.approvalId
      : randomUUID();
    context.events.push({ type: "call.verdict", traceId: context.traceId, callId: call.id, at: new Date().toISOString(), data: { stage: "approval", outcome: "pending", approvalId, callDigest: record.callDigest ?? null } });
    return {
      kind: "needs-approval",
      call,
      approvalId,
      ...(decided.decision.reason ? { reason: decided.decision.reason } : {}),
      ...(decision.approverRole ? { approverRole: decision.approverRole } : {}),
      toolDigest,
      callDigest,
    };
  }
  return { kind: "allow", call };
}
