// Stop conditions for the agent loop, checked after every step that made calls.
import type { CallRecord, StepRecord } from "../record/index.js";

export interface StopState {
  steps: readonly StepRecord[];
  calls: readonly CallRecord[];
}

export type StopCondition = (state: StopState) => boolean;

export const stepCountIs = (count: number): StopCondition => (state) => state.steps.length >= count;

/** Stop once a named tool has run successfully (e.g. a `final_answer` tool). */
export const hasToolCall = (toolName: string): StopCondition => (state) =>
  state.calls.some((call) => call.toolName === toolName && call.status === "succeeded");

/** Stop once any call was refused by policy or approval: a safe default for unattended runs. */
export const callWasRefused: StopCondition = (state) =>
  state.calls.some((call) => call.verdicts.some((verdict) => verdict.stage === "policy" || verdict.stage === "approval") && call.status === "rejected");
