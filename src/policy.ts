// toolgate/policy: who may call what — policy files and profiles, taint and provenance, approvals, rate limits, pinning, scanning, defences and metrics.

// Policies: the built-in profiles, YAML policy files (checked, hot-reloaded), or your own object.
export type { Policy, PolicyInput, PolicyDecision, Approver, ApprovalRequest, ApprovalDecision } from "./policy/index.js";
export { defaultPolicy, policyProfiles, loadPolicy, checkPolicyText, PolicyFileError, createEnginePolicy, watchPolicy, allowAll, riskPolicy, noApprover, approverFrom } from "./policy/index.js";
export type { EnginePolicy, EnginePolicyOptions, PolicyDocument, PolicyDocumentInput, PolicyProblem, PolicyProfile, PolicyRule, RiskPolicyOptions, WatchedPolicy, WatchPolicyOptions } from "./policy/index.js";

// Where argument values came from: taint from untrusted results, provenance proving the rest.
export { createTaintTracker, createProvenanceTracker } from "./policy/index.js";
export type { TaintTracker, TaintTrackerOptions, ProvenanceTracker, ProvenanceTrackerOptions, ReadersDeclaration, ReadableRecord, Delivery, SelectionDeclaration } from "./policy/index.js";

// Approvals people decide outside the run, signed with the deployment key.
export { openApprovalStore, storeApprover, ApprovalStoreError } from "./policy/index.js";
export type { ApprovalAsk, ApprovalStatus, ApprovalStore, StoredApproval, StoreApproverOptions } from "./policy/index.js";

// Rate limits and budgets, counted in memory, SQLite or PostgreSQL.
export { withLimits, memoryCounterStore, openCounterStore } from "./policy/index.js";
export type { CounterStore, Limit, LimitMeasure, LimitScope, WithLimitsOptions } from "./policy/index.js";

// Tool definitions: pinning against rug pulls, and a scan for poisoned descriptions.
export { pinCatalog, parsePinFile, verifyPins, createPinningPolicy, PinFileError, scanToolDefinitions } from "./policy/index.js";
export type { PinCheck, PinFile, PinningPolicyOptions, ScanFinding, ScanOptions } from "./policy/index.js";

// Prompt-injection defences and moderation.
export { datamarkingSpotlight, delimitingSpotlight, defensiveSystemPrompt, createModerationPolicy, assertCatalogTools, ToolAllowlistError, assertToolChoiceAllowed, ToolChoiceRefusedError } from "./policy/index.js";
export type { CatalogToolsOptions, ModerationClassifier, ModerationPolicyOptions, ModerationResult, SpotlightingTemplate, ToolChoicePolicy } from "./policy/index.js";

// Prometheus metrics and denial alerts from the gate's records (they live in the observability room).
export { metricsSink, denialAlerts } from "./observability/index.js";
export type { DenialAlert, DenialAlertOptions, MetricsSink, MetricsSinkOptions } from "./observability/index.js";
