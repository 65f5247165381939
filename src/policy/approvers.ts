// Built-in approvers: refuse when nobody is there to ask, or answer from a callback (a prompt, a queue, a test).
import type { ApprovalDecision, ApprovalRequest, Approver } from "./types.js";

/** Used when no approver is configured: a call that needs approval cannot run. */
export const noApprover: Approver = {
  requestApproval: async (request): Promise<ApprovalDecision> => ({
    approved: false,
    approver: "none",
    reason: `no approver is configured, and ${request.toolName} needs approval: ${request.reason}`,
  }),
};

/** Wraps a yes/no callback; an approval is bound to the digest of the call it was asked about. */
export function approverFrom(
  name: string,
  decide: (request: ApprovalRequest, signal: AbortSignal) => boolean | Promise<boolean>,
): Approver {
  return {
    async requestApproval(request, signal) {
      const approved = await decide(request, signal);
      return approved
        ? { approved: true, approver: name, callDigest: request.callDigest }
        : { approved: false, approver: name, reason: `${name} declined the call` };
    },
  };
}
