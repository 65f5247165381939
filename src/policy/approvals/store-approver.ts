// An Approver backed by the approval store: records a pending request instead of blocking, and honours only signed, bound, unused grants.
import type { AuditVerifier } from "../../audit/index.js";
import type { ApprovalRequest, Approver } from "../types.js";
import { approvalShown, approvalView, renderApprovalView } from "./approval-view.js";
import type { ApprovalShown } from "./approval-view.js";
import { checkGrant } from "./grant-signature.js";
import type { ApprovalStore, StoreApprovalDecision } from "./types.js";

export interface StoreApproverOptions {
  store: ApprovalStore;
  /** Trusts the deployment's key(s); a grant signed by anything else is refused. */
  verifier: AuditVerifier;
  /** The policy's version; a grant made under another version is refused. */
  policyVersion?: string;
  /** Role an approver must hold to decide these requests. */
  approverRole?: string;
}

/**
 * Reads approvals only from the store, by trace and call id: nothing the model writes (arguments, text, tool results)
 * is ever looked at here, so a model cannot approve its own call.
 */
export function storeApprover(options: StoreApproverOptions): Approver {
  const { store, verifier } = options;
  return {
    async requestApproval(request: ApprovalRequest): Promise<StoreApprovalDecision> {
      // A versioned policy names its version and the role it wants on the request; explicit options win.
      const asked = request as ApprovalRequest & { policyDigest?: string; approverRole?: string };
      const policyVersion = options.policyVersion ?? asked.policyDigest;
      const approverRole = options.approverRole ?? asked.approverRole;
      const stored =
        (await store.findForCall(request.traceId, request.callId)) ??
        (await store.requestFor({
          traceId: request.traceId,
          callId: request.callId,
          toolName: request.toolName,
          toolDigest: request.toolDigest,
          callDigest: request.callDigest,
          arguments: request.arguments,
          reason: request.reason,
          ...(request.ruleId !== undefined ? { ruleId: request.ruleId } : {}),
          ...(policyVersion !== undefined ? { policyDigest: policyVersion } : {}),
          ...(approverRole !== undefined ? { approverRole } : {}),
          ...(request.principal ? { principal: request.principal } : {}),
          shown: shownFor(request),
        }));
      const approvalId = stored.request.approvalId;
      if (stored.status === "pending") {
        return { approved: false, approver: "pending", reason: `waiting for a person to decide approval ${approvalId}: ${request.reason}`, pendingApprovalId: approvalId };
      }
      if (stored.grant === undefined) {
        return { approved: false, approver: "store", reason: `approval ${approvalId} is ${stored.status} but holds no signed decision`, approvalId };
      }
      const check = checkGrant(
        stored.grant,
        {
          traceId: request.traceId,
          callId: request.callId,
          toolName: request.toolName,
          toolDigest: request.toolDigest,
          callDigest: request.callDigest,
          ...(policyVersion !== undefined ? { policyVersion } : {}),
        },
        verifier,
      );
      if (!check.ok) return { approved: false, approver: stored.grant.approver, reason: check.reason, approvalId };
      // Consumed before the tool runs: a crash afterwards loses the grant rather than running the call twice.
      if (!(await store.consume(approvalId))) {
        return { approved: false, approver: stored.grant.approver, reason: `approval ${approvalId} was already used${stored.consumedAt ? ` at ${stored.consumedAt}` : ""}; a grant runs one call once`, approvalId };
      }
      return {
        approved: true,
        approver: stored.grant.approver,
        callDigest: stored.grant.boundTo.callDigest,
        approvalId,
        ...(stored.grant.reason !== undefined ? { reason: stored.grant.reason } : {}),
        ...(stored.grant.editedArguments !== undefined ? { editedArguments: stored.grant.editedArguments } : {}),
      };
    },
  };
}

/** What `toolgate approvals show` renders for this request (the same view the terminal shows), kept with the request. */
function shownFor(request: ApprovalRequest): ApprovalShown {
  const view = approvalView(request);
  return approvalShown(view, renderApprovalView(view));
}
