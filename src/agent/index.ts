// Public surface of the agent room.
export { runAgent } from "./run-agent.js";
export type { RunAgentOptions, RunSink, ToolSelection } from "./run-agent.js";
export { resumeRun } from "./resume-run.js";
export type { ResumeRunOptions } from "./resume-run.js";
export { parseRunState, pausedRunState, pendingApprovalOf, runOptionsDigest, RunStateError } from "./run-state.js";
export type { PendingCall, RunState, SettledResult } from "./run-state.js";
export { createSession } from "./session.js";
export type { Session, SessionOptions } from "./session.js";
export { stepCountIs, hasToolCall, callWasRefused } from "./stop-conditions.js";
export type { StopCondition, StopState } from "./stop-conditions.js";
export type { RoutingDecision, StepRecord, StopReason, Trace } from "../record/index.js";
