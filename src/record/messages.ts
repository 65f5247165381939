// The conversation as recorded: chat messages, tool calls as the model proposed them, token usage, finish reasons.

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

/** Which tool the model must call, if any: asked of the model and recorded with the run. */
export type ToolChoice = "auto" | "none" | "required" | { tool: string };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export type FinishReason = "stop" | "tool-calls" | "length" | "content-filter" | "error" | "other";

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
