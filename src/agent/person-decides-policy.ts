// On resume, a call that waited for a person stays that person's to decide: a policy that would now let it through unasked still asks.
import type { Policy } from "../policy/index.js";

/**
 * Wraps the resume's policy for the waiting calls only. A denial or another ask passes through unchanged; an `allow`
 * becomes an ask, so the approver (the store) answers with the decision on record — a denied call is refused again,
 * an approved one runs on its grant — and a looser policy can never run a call a person refused.
 */
export function personDecides(policy: Policy, waitingCallIds: ReadonlySet<string>, reason: string): Policy {
  return {
    async evaluate(input) {
      const decision = await policy.evaluate(input);
      if (decision.effect !== "allow" || !waitingCallIds.has(input.callId)) return decision;
      return { effect: "require-approval", reason, ruleId: "resume:person-decides", ...(decision.policyDigest ? { policyDigest: decision.policyDigest } : {}) };
    },
  };
}
