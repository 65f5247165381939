// The interfaces the gate asks before running a call: a policy that allows, denies or asks for approval, and an approver.
import type { JsonValue } from "../shared/json.js";
import type { RiskLevel } from "../tool/types.js";

/** What a policy sees of a call: validated arguments and the tool's declared risk and area. */
export interface PolicyInput {
  traceId: string;
  callId: string;
  toolName: string;
  toolDigest: string;
  area: string;
  risk: RiskLevel;
  arguments: JsonValue;
  callDigest: string;
}

export type PolicyDecision =
  | { effect: "allow"; ruleId?: string; reason?: string }
  | { effect: "deny"; reason: string; ruleId?: string }
  | { effect: "require-approval"; reason: string; ruleId?: string };

export interface Policy {
  evaluate(input: PolicyInput): PolicyDecision | Promise<PolicyDecision>;
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
