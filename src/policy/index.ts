// Public surface of the policy room.
export type { Policy, PolicyInput, PolicyDecision, Approver, ApprovalRequest, ApprovalDecision, Principal, ArgumentTaint } from "./types.js";
export { allowAll } from "./allow-all.js";
export { noApprover, approverFrom } from "./approvers.js";
export { riskPolicy } from "./risk-policy.js";
export type { RiskPolicyOptions } from "./risk-policy.js";
export { createTaintTracker, defaultTaintStopWords } from "./taint/index.js";
export type { TaintTracker, TaintTrackerOptions } from "./taint/index.js";
export { pinCatalog, parsePinFile, verifyPins, createPinningPolicy, describeDefinitionChange, PinFileError } from "./pinning/index.js";
export type { PinFile, ToolPin, PinnedDefinition, PinCheck, PinningPolicyOptions } from "./pinning/index.js";
