// toolgate: governed function calling for TypeScript. The core: define tools, gate every call, run the loop, talk to models, assemble a runtime.
// Room by room the rest is a subpath: toolgate/policy, toolgate/audit, toolgate/route, toolgate/eval, toolgate/record.

// Tools: define them, register them, and the names and schemas providers see.
export { defineTool, createToolRegistry, toJsonSchema, toProviderSchema, toProviderName, toolDefinitionDigest } from "./tool/index.js";
export type { SchemaDialect } from "./tool/index.js";
export type { CapabilityArea, RegisteredTool, ToolContext, ToolDefinition, ToolRegistry, ToolRegistryOptions, ToolTrust } from "./tool/index.js";

// The gate: every proposed call decoded, resolved, validated, authorised, executed and recorded; replay re-decides recorded calls.
export { createGate, decideCall, replayCalls, memorySink, jsonlSink } from "./gate/index.js";
export type { CallContext, Gate, GateOptions, MemorySink, ReplayDecision, ReplayedCall, ReplayOptions, ReplayReport } from "./gate/index.js";

// The loop: one run, a conversation, a run paused for approval and resumed, and when to stop.
export { runAgent, createSession, resumeRun, parseRunState, RunStateError, stepCountIs, hasToolCall, callWasRefused } from "./agent/index.js";
export type { ResumeRunOptions, RunAgentOptions, RunState, Session, SessionOptions, StopCondition, StopState, ToolSelection } from "./agent/index.js";

// Models: a spec string, any AI SDK language model, or a scripted stand-in for tests.
export { createModel, parseModelSpec, acceptedModelSpecs, aiSdkModel, scriptedModel, ModelError } from "./model/index.js";
export type { AiSdkModelOptions, ContextWindow, ModelAdapter, ModelRequest, ModelResponse, ModelSpec, PromptRequest, ScriptedModel, ScriptedTurn } from "./model/index.js";

// The runtime: one toolgate.yaml assembled into model, tools, router, policy, stores and limits.
export { createRuntime, loadRuntimeConfig, parseRuntimeConfig, runtimeConfigSchema, runtimeConfigJsonSchema, RuntimeConfigError } from "./runtime/index.js";
export type { RunCallOptions, Runtime, RuntimeConfig, RuntimeGovernance, RuntimeOptions, RuntimeSetting } from "./runtime/index.js";

// The record every run leaves (all of it, with its canonical JSON, is toolgate/record).
export type { CallRecord, ChatMessage, JsonSchema, JsonValue, Principal, RiskLevel, StepRecord, Trace, Verdict } from "./record/index.js";
