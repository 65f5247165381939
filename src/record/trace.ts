// A Trace: one run of the agent loop — its model steps and the CallRecord of every proposed call.
import type { CallRecord } from "./call-record.js";
import type { ChatMessage, FinishReason, ProposedCall, Usage } from "./messages.js";

export interface StepRecord {
  index: number;
  text: string;
  proposedCalls: ProposedCall[];
  finishReason: FinishReason;
  usage: Usage;
  /** Wall time of the model call alone. */
  modelLatencyMs: number;
  /** Wall time of the step: the model call plus every gated call it proposed. */
  latencyMs: number;
  /** Names of the tools the model was shown in this step (routing may narrow them). */
  exposedTools: string[];
  /** How the exposed set was chosen, when a router chose it: lets evaluation tell a routing miss from a model mistake. */
  routing?: RoutingDecision;
}

export interface RoutingDecision {
  router: string;
  /** Score per exposed tool (higher is better), for routers that rank. */
  scores?: Record<string, number>;
  /** Capability areas picked, for routers that select areas first. */
  areas?: string[];
  reason?: string;
  /**
   * Tokens routing itself spent on a model for this decision (two-stage and hybrid's area pick); absent when it
   * called none, a memoised pick included. runAgent adds it to the run's usage, which covers every model call.
   */
  usage?: Usage;
  /** Wall time of that routing model call, answered or failed. */
  latencyMs?: number;
  /** Set when the tools were fitted to a small model's context: what the prompt took and how many tools fit. */
  budget?: ContextBudget;
}

/** How the exposed tools were fitted to the model's context (token counts by the model's own tokenizer and template). */
export interface ContextBudget {
  contextSize: number;
  /** Tokens kept free for the answer (the output bound). */
  reservedOutputTokens: number;
  /** The rendered prompt with the exposed tools. */
  promptTokens: number;
  /** Tools the router chose before fitting, and how many of them were exposed. */
  toolsOffered: number;
  toolsExposed: number;
}

/** `approval-pending`: a call waits for a person; the run state is saved and `resumeRun` continues it, in any process. */
export type StopReason = "no-tool-calls" | "max-steps" | "stop-condition" | "aborted" | "error" | "approval-pending";

export interface Trace {
  id: string;
  /** Model spec, e.g. `llama:default`. */
  model: string;
  startedAt: string;
  finishedAt: string;
  /** Messages given to the run (the conversation so far, for a session turn). */
  input: ChatMessage[];
  /** Messages the run appended: assistant turns and tool results, in order. */
  output: ChatMessage[];
  steps: StepRecord[];
  calls: CallRecord[];
  /** The last assistant text. */
  text: string;
  stopReason: StopReason;
  /** Set when stopReason is `error`: the model or loop failure, as one line. */
  error?: { name: string; message: string };
  usage: Usage;
  durationMs: number;
  /** Prompt-injection defences the run used, by template id, so evaluations can compare runs with and without them. */
  defences?: { spotlighting?: string; systemTemplate?: string };
}
