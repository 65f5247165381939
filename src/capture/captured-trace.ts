// What content capture keeps of one run: the messages the model was sent and returned, and the tools it was shown.
import type { ChatMessage, Principal, StopReason, ToolSpec } from "../record/index.js";

/** Which command captured the run; `eval` runs also carry the case they answered and whether it passed. */
export type CaptureSource = "run" | "chat" | "eval" | "library";

interface CapturedStep {
  index: number;
  /** Names of the tools the model was shown in this step (routing may narrow them). */
  exposedTools: string[];
}

export interface CapturedEvalCase {
  id: string;
  passed: boolean;
}

/**
 * One run's content, linked to the audit trail by `traceId`. Values a tool declares sensitive are masked in every
 * message (`[redacted:sha256:…]`, a keyed digest, so equal values stay equal) before anything is stored.
 */
export interface CapturedTrace {
  traceId: string;
  source: CaptureSource;
  model: string;
  principal?: Principal;
  startedAt: string;
  finishedAt: string;
  stopReason: StopReason;
  /** The conversation the run started from followed by everything it appended (assistant turns and tool results). */
  messages: ChatMessage[];
  /** Specs (the names the model saw, descriptions, JSON Schemas) of every tool shown in any step. */
  tools: ToolSpec[];
  steps: CapturedStep[];
  /**
   * The first run of the conversation this run continues (a chat session's later turn starts from the whole
   * conversation so far); absent for a run that starts its own. Rows sharing it stay in one split.
   */
  conversationId?: string;
  /** How many strings had a sensitive value masked. */
  redactions: number;
  evalCase?: CapturedEvalCase;
}
