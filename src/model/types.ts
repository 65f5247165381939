// The one small interface every model adapter implements: messages and tool schemas in; text, tool calls and usage out.
import type { ChatMessage, FinishReason, ProposedCall, ToolChoice, ToolSpec, Usage } from "../record/index.js";

export interface ModelRequest {
  messages: ChatMessage[];
  tools: ToolSpec[];
  toolChoice?: ToolChoice;
  maxOutputTokens?: number;
  temperature?: number;
  /** Sampling seed, for reproducible runs (evaluation, tests); providers without seeds ignore it. */
  seed?: number;
  signal?: AbortSignal;
}

export interface ModelResponse {
  text: string;
  toolCalls: ProposedCall[];
  usage: Usage;
  finishReason: FinishReason;
}

export interface ModelAdapter {
  /** The model spec this adapter serves, e.g. `openai:gpt-4.1-mini` or `llama:default`; recorded in every trace. */
  readonly id: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
  /** Releases native resources (embedded models); optional for HTTP adapters. */
  close?(): Promise<void>;
}
