// Signing and checking approval grants with the deployment's key (the audit signer), and checking a grant's binding to a call.
import type { AuditSigner, AuditVerifier } from "../../audit/index.js";
import { canonicalJson, digestOf } from "../../record/index.js";
import type { ApprovalGrant, GrantSignature } from "./types.js";

// Domain separation: an audit head signature can never be passed off as an approval, nor the reverse.
const statementKind = "toolgate.approval-grant.v1";

/** The exact text signed: every field of the grant except the signature, canonical. */
function grantStatement(grant: Omit<ApprovalGrant, "signature">): string {
  const { signature: _ignored, ...fields } = grant as ApprovalGrant;
  return canonicalJson({ kind: statementKind, ...fields });
}

export function signGrant(signer: AuditSigner, grant: Omit<ApprovalGrant, "signature">): ApprovalGrant {
  const signature: GrantSignature = { algorithm: signer.algorithm, keyId: signer.keyId, value: signer.sign(grantStatement(grant)) };
  return { ...grant, signature };
}

/** The call a grant is being presented for, as the gate sees it now. */
export interface PresentedCall {
  traceId: string;
  callId: string;
  toolName: string;
  toolDigest: string;
  callDigest: string;
  /** The current policy version, when the deployment versions its policy. */
  policyVersion?: string;
}

export type GrantCheck = { ok: true } | { ok: false; reason: string };

/** Signature first (a forged grant says nothing), then each binding; the reason names the first mismatch. */
export function checkGrant(grant: ApprovalGrant, call: PresentedCall, verifier: AuditVerifier): GrantCheck {
  const signature = grant.signature;
  if (signature === undefined || !verifier.verify(grantStatement(grant), signature.value, signature.keyId, signature.algorithm)) {
    return { ok: false, reason: `approval ${grant.approvalId} carries no valid signature from a trusted key (key ${signature?.keyId ?? "none"})` };
  }
  if (grant.decision !== "approved") return { ok: false, reason: `approval ${grant.approvalId} was denied by ${grant.approver}${grant.reason ? `: ${grant.reason}` : ""}` };
  if (grant.traceId !== call.traceId || grant.boundTo.callId !== call.callId) {
    return { ok: false, reason: `approval ${grant.approvalId} was granted for call ${grant.boundTo.callId} in trace ${grant.traceId}, not call ${call.callId} in trace ${call.traceId}` };
  }
  if (grant.boundTo.toolDigest !== call.toolDigest) {
    return { ok: false, reason: `approval ${grant.approvalId} was granted for another definition of ${call.toolName} (${grant.boundTo.toolDigest}), not the current one (${call.toolDigest})` };
  }
  if (grant.requestedCallDigest !== call.callDigest) {
    return { ok: false, reason: `approval ${grant.approvalId} was granted for other arguments (${grant.requestedCallDigest}), not this call's (${call.callDigest})` };
  }
  const expected = grant.editedArguments === undefined ? call.callDigest : digestOf({ tool: call.toolName, arguments: grant.editedArguments });
  if (grant.boundTo.callDigest !== expected) {
    return { ok: false, reason: `approval ${grant.approvalId} binds call digest ${grant.boundTo.callDigest}, but the call it would run has ${expected}` };
  }
  if (call.policyVersion !== undefined && grant.boundTo.policy !== call.policyVersion) {
    return { ok: false, reason: `approval ${grant.approvalId} was granted under policy ${grant.boundTo.policy ?? "(unversioned)"}, and the policy is now ${call.policyVersion}` };
  }
  return { ok: true };
}
