// Public surface of the agent room.
export { runAgent } from "./run-agent.js";
export type { RunAgentOptions, ToolSelection } from "./run-agent.js";
export { resumeRun } from "./resume-run.js";
export type { ResumeRunOptions } from "./resume-run.js";
export { parseRunState, pendingApprovalOf, RunStateError } from "./run-state.js";
export type { PendingCall, RunState } from "./run-state.js";
export { pausedRuns } from "./paused-runs.js";
export type { PausedRuns, RunStateStore } from "./paused-runs.js";
export { runStateKeyFrom } from "./sealed-run-state.js";
export type { RunStateKey } from "./sealed-run-state.js";
export type { DefenceSettings } from "./defence-settings.js";
export { toolResultMessage } from "./tool-result-message.js";
export { createSession } from "./session.js";
export type { Session, SessionOptions } from "./session.js";
export { stepCountIs, hasToolCall, callWasRefused } from "./stop-conditions.js";
export type { StopCondition, StopState } from "./stop-conditions.js";
