// Public surface of the agent room.
export { runAgent } from "./run-agent.js";
export type { RunAgentOptions, ToolSelection } from "./run-agent.js";
export { resumeRun } from "./resume-run.js";
export type { ResumeRunOptions } from "./resume-run.js";
export { parseRunState, RunStateError } from "./run-state.js";
export type { RunState } from "./run-state.js";
export { pausedRuns } from "./paused-runs.js";
export type { PausedRuns } from "./paused-runs.js";
export { runStateKeyFrom } from "./sealed-run-state.js";
export { createSession } from "./session.js";
export type { Session, SessionOptions } from "./session.js";
export { stepCountIs, hasToolCall, callWasRefused } from "./stop-conditions.js";
export type { StopCondition, StopState } from "./stop-conditions.js";
