// OpenAI fine-tuning JSONL: arguments as JSON strings, `weight: 0` on assistant turns not to train, tool messages
// without `name` (the API's tool message has none; importers restore it from the paired call).
import type { DatasetRecord, RecordMessage } from "../record.js";
import type { ExportedRow } from "./export-row.js";

export interface OpenAiExportOptions {
  /** "all" (default): every assistant turn trains unless its own weight is 0; "last": only the final one trains. */
  train?: "all" | "last";
}

/** Arguments text exactly as stored: an object becomes its JSON; a string (undecodable source) is itself JSON-encoded, so it round-trips. */
export function argumentsText(value: unknown): string {
  return JSON.stringify(value);
}

function openAiMessage(message: RecordMessage, weight: 0 | 1 | undefined, losses: string[]): Record<string, unknown> {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "tool":
      return { role: "tool", tool_call_id: message.tool_call_id, content: message.content };
    case "assistant": {
      const out: Record<string, unknown> = { role: "assistant", content: message.content };
      if (message.tool_calls && message.tool_calls.length > 0) {
        out.tool_calls = message.tool_calls.map((call) => ({ id: call.id, type: "function", function: { name: call.function.name, arguments: argumentsText(call.function.arguments) } }));
      }
      if (message.reasoning !== undefined) losses.push("reasoning-dropped");
      if (weight !== undefined) out.weight = weight;
      return out;
    }
  }
}

export function toOpenAiRow(record: DatasetRecord, options: OpenAiExportOptions = {}): ExportedRow {
  const losses: string[] = [];
  const lastAssistant = record.messages.map((message) => message.role).lastIndexOf("assistant");
  const messages = record.messages.map((message, index) => {
    const own = message.role === "assistant" ? message.weight : undefined;
    const weight = options.train === "last" && message.role === "assistant" && index !== lastAssistant ? 0 : own;
    return openAiMessage(message, weight, losses);
  });
  const row: Record<string, unknown> = { messages };
  if (record.tools.length > 0) row.tools = record.tools;
  if (record.parallel_tool_calls !== undefined) row.parallel_tool_calls = record.parallel_tool_calls;
  return { row, losses };
}
