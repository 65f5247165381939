// Gate stages 4 and 5, policy then approval: may this validated call run, and if it needs a person, did one agree?
import type { Approver, PolicyDecision, PolicyInput, StoreApprovalDecision } from "../policy/index.js";
import type { JsonValue, ToolError, Verdict } from "../record/index.js";

export type PolicyResult = { ok: true; decision: PolicyDecision } | { ok: false; decision: PolicyDecision; error: ToolError };

export async function checkPolicy(evaluate: (input: PolicyInput) => PolicyDecision | Promise<PolicyDecision>, input: PolicyInput): Promise<PolicyResult> {
  const decision = await evaluate(input);
  if (decision.effect === "deny") {
    return { ok: false, decision, error: { code: "policy_denied", message: `${input.toolName} is not allowed here: ${decision.reason}` } };
  }
  return { ok: true, decision };
}

export type ApprovalResult =
  /** `edited`: the approver changed the arguments; the gate must validate, authorise and run those instead. */
  | { ok: true; verdict: Omit<Verdict, "durationUs">; edited?: { arguments: JsonValue; callDigest: string; by: string } }
  | { ok: false; verdict: Omit<Verdict, "durationUs">; error: ToolError };

export async function requestApproval(
  approver: Approver,
  input: PolicyInput,
  decision: Extract<PolicyDecision, { effect: "require-approval" }>,
  signal: AbortSignal,
): Promise<ApprovalResult> {
  // The policy's version and the role it asks for travel with the request, so a grant can be bound to them.
  const { policyDigest, approverRole } = decision as { policyDigest?: string; approverRole?: string };
  const request = { ...input, reason: decision.reason, ruleId: decision.ruleId, ...(policyDigest ? { policyDigest } : {}), ...(approverRole ? { approverRole } : {}) };
  const answer: StoreApprovalDecision = await approver.requestApproval(request, signal);
  // Every approval verdict names the policy version that asked for it, so an audit event stands on its own.
  const version: Record<string, JsonValue> = {
    ...(policyDigest ? { policyDigest } : {}),
    // What the person saw when deciding: the canonical call's digest, the display's digest, and the provenance shown.
    ...(answer.shown ? { shown: JSON.parse(JSON.stringify(answer.shown)) as JsonValue } : {}),
  };
  if (!answer.approved && answer.pendingApprovalId !== undefined) {
    // Nobody has decided yet: the run pauses here (stopReason approval-pending) and resumes once someone has.
    return {
      ok: false,
      verdict: { stage: "approval", outcome: "approval-required", reason: answer.reason, ruleId: decision.ruleId, detail: { pending: true, approvalId: answer.pendingApprovalId, ...version } },
      error: { code: "approval_required", message: answer.reason },
    };
  }
  if (!answer.approved) {
    return {
      ok: false,
      verdict: { stage: "approval", outcome: "rejected", reason: answer.reason, ruleId: decision.ruleId, detail: { approver: answer.approver, ...version } },
      error: { code: answer.approver === "none" ? "approval_required" : "approval_denied", message: answer.reason },
    };
  }
  const approvalId: Record<string, JsonValue> = answer.approvalId !== undefined ? { approvalId: answer.approvalId } : {};
  if (answer.editedArguments !== undefined) {
    // The digest check moves to the gate: it holds for the edited call, after that call is validated and authorised again.
    return {
      ok: true,
      verdict: { stage: "approval", outcome: "approved", reason: answer.reason ?? decision.reason, ruleId: decision.ruleId, detail: { approver: answer.approver, callDigest: answer.callDigest, editedBy: answer.approver, ...approvalId, ...version } },
      edited: { arguments: answer.editedArguments, callDigest: answer.callDigest, by: answer.approver },
    };
  }
  // An approval is for one exact call; one granted for different arguments does not carry over.
  if (answer.callDigest !== input.callDigest) {
    const reason = `approval by ${answer.approver} was granted for a different call (${answer.callDigest}), not ${input.callDigest}`;
    return {
      ok: false,
      verdict: { stage: "approval", outcome: "rejected", reason, ruleId: decision.ruleId, detail: { approver: answer.approver, ...version } },
      error: { code: "approval_denied", message: reason },
    };
  }
  return {
    ok: true,
    verdict: { stage: "approval", outcome: "approved", reason: answer.reason ?? decision.reason, ruleId: decision.ruleId, detail: { approver: answer.approver, callDigest: answer.callDigest, ...approvalId, ...version } },
  };
}
