// Holds calls that need a person for up to the configured time: approved ones go to the client, denied ones are withheld.
import type { AuditEventInput } from "../audit/index.js";
import { checkGrant } from "../policy/index.js";
import { canonicalJson } from "../record/index.js";
import type { JsonValue } from "../record/index.js";
import type { ApprovalHold } from "./approval-waiter.js";
import type { JudgeContext, Judgement } from "./judge-calls.js";

export type { ApprovalHold } from "./approval-waiter.js";

/** Settles held approvals after judging, once no repair round follows. */
export async function settleJudged(judged: Judgement[], context: Omit<JudgeContext, "step">, signal?: AbortSignal): Promise<Judgement[]> {
  if (!context.hold) return judged;
  return settleHeldApprovals(judged, { hold: context.hold, traceId: context.traceId, events: context.events, ...(signal ? { signal } : {}), ...(context.onHeld ? { onHeld: context.onHeld } : {}) });
}

/**
 * Waits (all calls of the turn at once) for the decisions on calls needing approval. A call whose grant checks out and
 * is consumed here becomes allowed (with the approver's edited arguments, if any); a denied one becomes denied; one
 * still undecided when the hold ends stays pending, with its approval id for the client.
 */
async function settleHeldApprovals(
  judged: readonly Judgement[],
  context: { hold: ApprovalHold; traceId: string; events: AuditEventInput[]; signal?: AbortSignal; onHeld?: (delta: number) => void },
): Promise<Judgement[]> {
  const { hold } = context;
  if (hold.holdMs <= 0 || !judged.some((entry) => entry.kind === "needs-approval")) return [...judged];
  return Promise.all(
    judged.map(async (entry): Promise<Judgement> => {
      if (entry.kind !== "needs-approval") return entry;
      context.onHeld?.(1);
      let decided;
      try {
        decided = await hold.waiter.waitFor(entry.approvalId, hold.holdMs, context.signal);
      } finally {
        context.onHeld?.(-1);
      }
      if (!decided?.grant) return entry;
      const grant = decided.grant;
      const verdict = (outcome: string, reason: string): AuditEventInput => ({
        type: "call.verdict",
        traceId: context.traceId,
        callId: entry.call.id,
        at: new Date().toISOString(),
        data: { stage: "approval", outcome, approvalId: entry.approvalId, approver: grant.approver, reason, held: true },
      });
      const check = checkGrant(grant, { traceId: context.traceId, callId: entry.call.id, toolName: entry.call.function.name, toolDigest: entry.toolDigest, callDigest: entry.callDigest }, hold.verifier);
      if (!check.ok) {
        context.events.push(verdict("denied", check.reason));
        return { kind: "denied", call: entry.call, error: { code: "approval_denied", message: check.reason } };
      }
      // Consumed before the client sees the call: a grant releases one call once, even with several replicas holding it.
      if (!(await hold.store.consume(entry.approvalId))) {
        const reason = `approval ${entry.approvalId} was already used; a grant releases one call once`;
        context.events.push(verdict("denied", reason));
        return { kind: "denied", call: entry.call, error: { code: "approval_denied", message: reason } };
      }
      context.events.push(verdict("approved", grant.reason ?? `approved by ${grant.approver}`));
      const args = grant.editedArguments === undefined ? entry.call.function.arguments : canonicalJson(grant.editedArguments as JsonValue);
      return { kind: "allow", call: { ...entry.call, function: { ...entry.call.function, arguments: args } } };
    }),
  );
}
