// The records of an approval bound to one call: the pending request, the signed grant, and the store that holds them.
import type { JsonValue, Principal } from "../../record/index.js";
import type { ApprovalDecision } from "../types.js";
import type { ApprovalShown } from "./approval-view.js";

export type ApprovalStatus = "pending" | "approved" | "denied" | "consumed";

/** What a person is asked to decide: exactly one call, identified by trace, call id, tool definition and argument hash. */
export interface ApprovalRequestRecord {
  approvalId: string;
  traceId: string;
  callId: string;
  toolName: string;
  toolDigest: string;
  /** SHA-256 of canonical {tool, arguments}: the call as the model proposed it. */
  callDigest: string;
  arguments: JsonValue;
  reason: string;
  ruleId?: string;
  /** Version of the policy that asked; a grant made under one version does not carry to another. */
  policyDigest?: string;
  /** Role the approver must hold, when the deployment requires one. */
  approverRole?: string;
  principal?: Principal;
  requestedAt: string;
  /** What the person deciding is shown: the canonical call's digest, the display's digest, and each steering value's provenance. */
  shown?: ApprovalShown;
}

/** What a grant is bound to; every field is covered by the signature. */
interface GrantBinding {
  callId: string;
  toolDigest: string;
  /** The call that may run: the proposed one, or the approver's edit of it. */
  callDigest: string;
  policy?: string;
}

export interface GrantSignature {
  algorithm: string;
  keyId: string;
  value: string;
}

/** A person's signed decision on one request. Only the approval store creates these, never the model. */
export interface ApprovalGrant {
  approvalId: string;
  traceId: string;
  decision: "approved" | "denied";
  approver: string;
  reason?: string;
  decidedAt: string;
  /** The digest of the call as proposed, so an edit is tied to what it edited. */
  requestedCallDigest: string;
  boundTo: GrantBinding;
  /** Present when the approver changed the arguments: these run instead of the proposed ones. */
  editedArguments?: JsonValue;
  signature: GrantSignature;
}

/**
 * A person asked directly about a pending approval, outside the queue: today an MCP client's user through
 * elicitation. Kept so whoever reads the queue knows the call was (or is being) put to someone else.
 */
export interface ApprovalAsk {
  via: "mcp-elicitation";
  /** The client's name as it introduced itself (MCP clientInfo), or "mcp-client". */
  client: string;
  /** The principal the client acts for (mcp serve --principal), when known. */
  person?: string;
  at: string;
  /** waiting: the question is open; unanswered: timed out, cancelled or the client left; answered: a decision came back. */
  outcome: "waiting" | "unanswered" | "answered";
  /** Why it stayed pending after an answer, e.g. the answer could not be recorded. */
  detail?: string;
}

export interface StoredApproval {
  request: ApprovalRequestRecord;
  status: ApprovalStatus;
  grant?: ApprovalGrant;
  consumedAt?: string;
  /** Every direct ask, oldest first; absent when nobody was asked outside the queue. */
  asks?: ApprovalAsk[];
}

interface ApproveInput {
  approver: string;
  reason?: string;
  /** The approver's roles, checked against the request's approverRole. */
  roles?: string[];
  editedArguments?: JsonValue;
}

interface DenyInput {
  approver: string;
  reason: string;
}

/** Where approvals and paused runs live; SQLite for one machine, PostgreSQL when several processes share them. */
export interface ApprovalStore {
  readonly url: string;
  /** Records a pending request for the call, or returns the one already recorded for it (same trace and call id). */
  requestFor(request: Omit<ApprovalRequestRecord, "approvalId" | "requestedAt">): Promise<StoredApproval>;
  findForCall(traceId: string, callId: string): Promise<StoredApproval | undefined>;
  get(approvalId: string): Promise<StoredApproval | undefined>;
  list(filter?: { status?: ApprovalStatus; traceId?: string }): Promise<StoredApproval[]>;
  approve(approvalId: string, input: ApproveInput): Promise<StoredApproval>;
  deny(approvalId: string, input: DenyInput): Promise<StoredApproval>;
  /** Records (or updates, by approval id, time and channel) that a person was asked directly about this approval. */
  noteAsk(approvalId: string, ask: ApprovalAsk): Promise<void>;
  /** Marks an approved grant used; false when it was already used (or is not approved), so a grant runs one call once. */
  consume(approvalId: string): Promise<boolean>;
  /** Any JSON-serialisable state (a RunState); read back with parseRunState. */
  saveRunState(traceId: string, state: object): Promise<void>;
  loadRunState(traceId: string): Promise<unknown>;
  /**
   * Takes a paused run over in one statement: replaces the kept state with `claimed` only if it is still exactly
   * `expected` (the state last read), so of two resumes racing for one run exactly one gets true. With `expected`
   * undefined, only when no state is kept yet.
   */
  claimRunState(traceId: string, expected: object | undefined, claimed: object): Promise<boolean>;
  close(): Promise<void>;
}

/** What the store-backed approver adds to a decision: a pending request, or an edit the approver made. */
export type StoreApprovalDecision = ApprovalDecision & {
  /** What the approver was shown when deciding (kept in the approval verdict). */
  shown?: ApprovalShown;
  pendingApprovalId?: string;
  editedArguments?: JsonValue;
  approvalId?: string;
};
