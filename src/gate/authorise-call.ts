// Gate stages 4 and 5, policy then approval: may this validated call run, and if it needs a person, did one agree?
import type { Approver, PolicyDecision, PolicyInput } from "../policy/types.js";
import type { ToolError, Verdict } from "./types.js";

export type PolicyResult = { ok: true; decision: PolicyDecision } | { ok: false; decision: PolicyDecision; error: ToolError };

export async function checkPolicy(evaluate: (input: PolicyInput) => PolicyDecision | Promise<PolicyDecision>, input: PolicyInput): Promise<PolicyResult> {
  const decision = await evaluate(input);
  if (decision.effect === "deny") {
    return { ok: false, decision, error: { code: "policy_denied", message: `${input.toolName} is not allowed here: ${decision.reason}` } };
  }
  return { ok: true, decision };
}

export type ApprovalResult =
  | { ok: true; verdict: Omit<Verdict, "durationUs"> }
  | { ok: false; verdict: Omit<Verdict, "durationUs">; error: ToolError };

export async function requestApproval(
  approver: Approver,
  input: PolicyInput,
  decision: Extract<PolicyDecision, { effect: "require-approval" }>,
  signal: AbortSignal,
): Promise<ApprovalResult> {
  const answer = await approver.requestApproval({ ...input, reason: decision.reason, ruleId: decision.ruleId }, signal);
  if (!answer.approved) {
    return {
      ok: false,
      verdict: { stage: "approval", outcome: "rejected", reason: answer.reason, ruleId: decision.ruleId, detail: { approver: answer.approver } },
      error: { code: answer.approver === "none" ? "approval_required" : "approval_denied", message: answer.reason },
    };
  }
  // An approval is for one exact call; one granted for different arguments does not carry over.
  if (answer.callDigest !== input.callDigest) {
    const reason = `approval by ${answer.approver} was granted for a different call (${answer.callDigest}), not ${input.callDigest}`;
    return {
      ok: false,
      verdict: { stage: "approval", outcome: "rejected", reason, ruleId: decision.ruleId, detail: { approver: answer.approver } },
      error: { code: "approval_denied", message: reason },
    };
  }
  return {
    ok: true,
    verdict: { stage: "approval", outcome: "approved", reason: answer.reason ?? decision.reason, ruleId: decision.ruleId, detail: { approver: answer.approver, callDigest: answer.callDigest } },
  };
}
