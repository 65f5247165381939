// Public surface of approvals: the store, the store-backed approver, and grant signing and checking.
export type { ApprovalAsk, ApprovalStatus, ApprovalStore, StoreApprovalDecision, StoredApproval } from "./types.js";
export { ApprovalStoreError } from "./errors.js";
export { checkGrant } from "./grant-signature.js";
export { defaultApprovalStoreUrl, openApprovalStore } from "./open-approval-store.js";
export { storeApprover } from "./store-approver.js";
export { approvalShown, approvalView, fullCallText, renderApprovalView } from "./approval-view.js";
export type { StoreApproverOptions } from "./store-approver.js";
