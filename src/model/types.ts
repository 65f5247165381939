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

/**
 * The context an embedded model answers within, and what a request takes of it, counted with the model's own
 * tokenizer and chat template. Routing reads it to expose only the tools that fit (see the route room's fitToContext).
 */
export interface ContextWindow {
  /** Tokens the model's context holds. */
  readonly contextSize: number;
  /** The bound on generated tokens of a request that sets none; kept free of prompt. */
  readonly maxOutputTokens: number;
  /** Most tokens a rendered prompt may take: the context less what stays free for the answer. */
  readonly promptLimit: number;
  /** Tokens the request's prompt takes as the model would render it (messages, tool documentation, instructions). */
  promptTokens(request: PromptRequest): Promise<number>;
}

/** The parts of a request that make up its prompt. */
export interface PromptRequest {
  messages: readonly ChatMessage[];
  tools: readonly ToolSpec[];
  toolChoice?: ToolChoice;
}

export interface ModelAdapter {
  /** The model spec this adapter serves, e.g. `openai:gpt-4.1-mini` or `llama:default`; recorded in every trace. */
  readonly id: string;
  /** Present for models whose context is small enough to budget (embedded models); HTTP adapters leave it out. */
  readonly contextWindow?: ContextWindow;
  generate(request: ModelRequest): Promise<ModelResponse>;
  /** Releases native resources (embedded models); optional for HTTP adapters. */
  close?(): Promise<void>;
}
