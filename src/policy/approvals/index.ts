// Public surface of approvals: the store, the store-backed approver, and grant signing and checking.
export type { ApprovalGrant, ApprovalRequestRecord, ApprovalStatus, ApprovalStore, ApproveInput, DenyInput, GrantBinding, GrantSignature, StoreApprovalDecision, StoredApproval } from "./types.js";
export { ApprovalStoreError } from "./errors.js";
export { checkGrant, grantStatement, signGrant } from "./grant-signature.js";
export type { GrantCheck, PresentedCall } from "./grant-signature.js";
export { createSqlApprovalStore } from "./approval-store.js";
export type { ApprovalStoreOptions } from "./approval-store.js";
export { approvalsFileName, defaultApprovalStoreUrl, openApprovalStore } from "./open-approval-store.js";
export { storeApprover } from "./store-approver.js";
export { approvalShown, approvalView, fullCallText, renderApprovalView } from "./approval-view.js";
export type { ApprovalShown, ApprovalView, ApprovalViewEntry, RenderOptions } from "./approval-view.js";
export type { StoreApproverOptions } from "./store-approver.js";
