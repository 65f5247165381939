// The one small interface every model adapter implements: messages and tool schemas in; text, tool calls and usage out.
import type { JsonSchema } from "../tool/types.js";

/** A tool call exactly as the model proposed it; `arguments` is the raw text, decoded later by the gate. */
export interface ProposedCall {
  id: string;
  name: string;
  arguments: string;
}

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ProposedCall[] }
  /** A tool result: `content` is the JSON text of the result envelope the gate produced. */
  | { role: "tool"; callId: string; toolName: string; content: string };

/** What the model is shown of a tool: a provider-safe name, a description and a JSON Schema for the arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export type ToolChoice = "auto" | "none" | "required" | { tool: string };

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

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export type FinishReason = "stop" | "tool-calls" | "length" | "content-filter" | "error" | "other";

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

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
