// Names a row's training category from its messages and tools (single, multiple, parallel, …, error-recovery).
import type { DatasetRecord, RecordCategory } from "../record.js";
import { isJsonObject } from "../record.js";

/** A tool result that reports an error: the gate's structured error envelope, or any JSON object with an `error` key. */
function isErrorResult(content: string): boolean {
  const trimmed = content.trim();
  if (!trimmed.startsWith("{")) return false;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return isJsonObject(parsed) && (parsed.error !== undefined || parsed.ok === false);
  } catch {
    return false;
  }
}

export function categorize(record: Pick<DatasetRecord, "messages" | "tools">): RecordCategory {
  const callTurns = record.messages.flatMap((message) => (message.role === "assistant" && message.tool_calls && message.tool_calls.length > 0 ? [message.tool_calls] : []));
  if (callTurns.length === 0) return record.tools.length === 0 ? "chat" : "no-call";

  // Error recovery: a call whose result was an error, followed later by another call to the same function.
  const callNames = new Map<string, string>();
  for (const [index, message] of record.messages.entries()) {
    if (message.role === "assistant") message.tool_calls?.forEach((call) => callNames.set(call.id, call.function.name));
    if (message.role === "tool" && isErrorResult(message.content)) {
      const failed = callNames.get(message.tool_call_id);
      const retried = record.messages.slice(index + 1).some((later) => later.role === "assistant" && later.tool_calls?.some((call) => call.function.name === failed));
      if (failed !== undefined && retried) return "error-recovery";
    }
  }

  const userTurns = record.messages.filter((message) => message.role === "user").length;
  if (callTurns.length > 1 || userTurns > 1) return "multi-turn";
  const calls = callTurns[0]!;
  if (calls.length === 1) return record.tools.length > 1 ? "multiple" : "single";
  return new Set(calls.map((call) => call.function.name)).size === 1 ? "parallel" : "parallel-multiple";
}
