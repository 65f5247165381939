// The interfaces the gate asks before running a call: a policy that allows, denies or asks for approval, and an approver.
import type { ArgumentProvenance, ArgumentTaint, JsonValue, Principal, RiskLevel } from "../record/index.js";

/** What a policy sees of a call: validated arguments, the tool's declared risk and area, who is asking, and taint. */
export interface PolicyInput {
  traceId: string;
  callId: string;
  /** The canonical name (`billing.refund`). */
  toolName: string;
  /**
   * The name the model sees (`billing_refund`), when it differs. Rules match either name, so a rule written with the
   * name from a transcript decides the same call as one written with the canonical name.
   */
  providerName?: string;
  toolDigest: string;
  area: string;
  risk: RiskLevel;
  arguments: JsonValue;
  callDigest: string;
  principal?: Principal;
  /** Arguments carrying values from untrusted tool results (empty or absent: none). */
  taint?: ArgumentTaint[];
  /**
   * Each steering argument of the call (recipient, account, URL, amount, id…) with the trusted sources its value was
   * traced to. Absent when no provenance tracker runs (nothing can be proven then); empty when none is present.
   */
  provenance?: ArgumentProvenance[];
  /** Whether the tool declares any steering arguments at all. */
  steersDeclared?: boolean;
  /** The JSON-pointer patterns (`*` for any item) of the arguments the tool declares as steering, for taint rules about them. */
  steeringPaths?: string[];
  /** The model step the call was proposed in. */
  step?: number;
}

export type PolicyDecision =
  | { effect: "allow"; ruleId?: string; reason?: string; policyDigest?: string }
  | { effect: "deny"; reason: string; ruleId?: string; policyDigest?: string }
  | { effect: "require-approval"; reason: string; ruleId?: string; policyDigest?: string; approverRole?: string };

export interface Policy {
  evaluate(input: PolicyInput): PolicyDecision | Promise<PolicyDecision>;
  /** The version to use for a whole run; a hot-reloaded policy returns its current version so a run never sees two. */
  snapshot?(): Policy;
}

export interface ApprovalRequest extends PolicyInput {
  reason: string;
  ruleId?: string;
}

/** An approval binds to the exact call digest it was granted for; a different call needs a new approval. */
export type ApprovalDecision =
  | { approved: true; approver: string; callDigest: string; reason?: string }
  | { approved: false; approver: string; reason: string };

export interface Approver {
  requestApproval(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}
