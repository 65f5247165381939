// The ground floor: the one record's plain, serialisable types and their canonical JSON. Imports no other room.
export type { JsonPrimitive, JsonValue, JsonObject } from "./json.js";
export { canonicalJson, sha256Hex, digestOf, defineOwn } from "./json.js";
export { newTraceId } from "./trace-id.js";
export type { JsonSchema, ToolSpec, RiskLevel } from "./tool-spec.js";
export { riskLevels } from "./tool-spec.js";
export type { ToolEffect } from "./tool-effect.js";
export type { ProposedCall, ChatMessage, ToolChoice, Usage, FinishReason } from "./messages.js";
export { emptyUsage, addUsage } from "./messages.js";
export type { Principal } from "./principal.js";
export type { ArgumentTaint } from "./argument-taint.js";
export type { ArgumentProvenance, ProvenanceSource, ProvenanceOrigin, SteeringKind, SteeringSpec } from "./argument-provenance.js";
export { steeringKinds, provenanceOrigins } from "./argument-provenance.js";
export type {
  ToolErrorCode,
  ToolError,
  ToolOutcome,
  GateStage,
  Verdict,
  Repair,
  ExecutionRecord,
  LateCompletion,
  CallStatus,
  CallRecord,
} from "./call-record.js";
export type { ContextBudget, StepRecord, RoutingDecision, StopReason, Trace } from "./trace.js";
export type { CallSink, RunSink } from "./sinks.js";
export type { RecordedCall } from "./recorded-call.js";
