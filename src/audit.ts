// toolgate/audit: the tamper-evident trail — open a store, record runs to it, read and verify it, export it as JSON Lines or OpenTelemetry spans.
export { openAuditStore, auditRecorder, auditEventTypes, summariseTrace, recordedCalls } from "./audit/index.js";
export type { AuditEvent, AuditEventInput, AuditEventType, AuditQuery, AuditRecorderOptions, AuditStore, AuditStoreOptions, ChainedAuditStore, TraceSummary, VerifyReport } from "./audit/index.js";
export { createAuditSigner, createAuditVerifier, generateAuditKeyPair, auditPublicKeyPem, resolveAuditKey, defaultAuditKeyPath, auditKeyEnvVar } from "./audit/index.js";
export type { AuditSigner, AuditSignerKey, AuditVerifier, AuditVerifierKey, ResolvedAuditKey, ResolveAuditKeyOptions, SignedHead } from "./audit/index.js";
export { auditedRun, auditedRuns, auditEventsToJsonl, parseAuditJsonl, exportTraceSpans, otlpJson } from "./audit/index.js";
export type { AuditedCall, AuditedRun, AuditedStep, OtelExportOptions, SpanTarget } from "./audit/index.js";
export { AuditError, AuditConfigError, AuditInputError, AuditStoreClosedError } from "./audit/index.js";
export type { AuditErrorCode } from "./audit/index.js";
