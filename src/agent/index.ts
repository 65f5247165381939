// Public surface of the agent room.
export { runAgent } from "./run-agent.js";
export type { RunAgentOptions, RunSink, ToolSelection } from "./run-agent.js";
export { createSession } from "./session.js";
export type { Session, SessionOptions } from "./session.js";
export { stepCountIs, hasToolCall, callWasRefused } from "./stop-conditions.js";
export type { StopCondition, StopState } from "./stop-conditions.js";
export type { RoutingDecision, StepRecord, StopReason, Trace } from "./trace.js";
