// Reads the conversation a client sends: the tool results it reports back (for the audit trail) and what they taint.
import type { AuditEventInput } from "../audit/index.js";
import { createTaintTracker } from "../policy/index.js";
import type { TaintTracker } from "../policy/index.js";
import type { CallRecord, JsonValue } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { GatewayError } from "./openai-error.js";

export interface ClientMessage {
  role: string;
  content?: unknown;
  tool_calls?: Array<{ id?: unknown; function?: { name?: unknown; arguments?: unknown } }>;
  tool_call_id?: unknown;
  [key: string]: unknown;
}

export function checkMessages(messages: unknown): ClientMessage[] {
  if (!Array.isArray(messages) || messages.length === 0) throw new GatewayError(400, "invalid_request_error", "invalid_messages", "messages must be a non-empty array", "messages");
  messages.forEach((message: unknown, index) => {
    if (typeof message !== "object" || message === null || typeof (message as { role?: unknown }).role !== "string") {
      throw new GatewayError(400, "invalid_request_error", "invalid_messages", `messages[${index}] must be an object with a role`, `messages[${index}]`);
    }
  });
  return messages as ClientMessage[];
}

const textOf = (content: unknown): string =>
  typeof content === "string" ? content : Array.isArray(content) ? content.map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : "")).join("\n") : "";

const resultOf = (text: string): JsonValue => {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
};

/** Pairs each tool message with the assistant call it answers (by tool_call_id), as the record of a call that ran. */
function reportedCalls(messages: readonly ClientMessage[], traceId: string): Array<{ record: CallRecord; messageIndex: number }> {
  const proposed = new Map<string, { name: string; arguments: string }>();
  const reported: Array<{ record: CallRecord; messageIndex: number }> = [];
  messages.forEach((message, messageIndex) => {
    if (message.role === "assistant") {
      for (const call of message.tool_calls ?? []) {
        if (typeof call.id === "string") proposed.set(call.id, { name: String(call.function?.name ?? ""), arguments: String(call.function?.arguments ?? "") });
      }
    }
    if (message.role === "tool" && typeof message.tool_call_id === "string") {
      const call = proposed.get(message.tool_call_id) ?? { name: "", arguments: "" };
      reported.push({
        messageIndex,
        record: {
          id: message.tool_call_id,
          traceId,
          step: 0,
          index: 0,
          proposed: { id: message.tool_call_id, ...call },
          toolName: call.name,
          repairs: [],
          verdicts: [],
          effects: [],
          outcome: { ok: true, result: resultOf(textOf(message.content)) },
          status: "succeeded",
          startedAt: new Date().toISOString(),
          durationMs: 0,
        },
      });
    }
  });
  return reported;
}

/** Taint from every tool result the client sent back (tools the config declares untrusted), endorsed by the user's own words. */
export function conversationTaint(messages: readonly ClientMessage[], registry: ToolRegistry, traceId: string): TaintTracker {
  const tracker = createTaintTracker({ registry });
  for (const message of messages) if (message.role === "user") tracker.endorse?.(textOf(message.content));
  for (const { record } of reportedCalls(messages, traceId)) tracker.observe(record);
  return tracker;
}

/**
 * The tool results of this turn (the tool messages after the last assistant message): recorded against their calls.
 * Earlier results were recorded by the request that carried them first.
 */
export function reportedResultEvents(messages: readonly ClientMessage[], traceId: string): AuditEventInput[] {
  const lastAssistant = messages.findLastIndex((message) => message.role === "assistant");
  return reportedCalls(messages, traceId)
    .filter((entry) => entry.messageIndex > lastAssistant)
    .map(({ record }) => ({
      type: "call.executed",
      traceId,
      callId: record.id,
      at: record.startedAt,
      data: { ranBy: "client", name: record.proposed.name, status: "succeeded", result: record.outcome.ok ? record.outcome.result : null },
    }));
}
