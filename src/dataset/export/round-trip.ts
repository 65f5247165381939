// Round-trip equality: what import(export(x)) must give back. Formats without call ids (ShareGPT, Hermes) get
// positional ids on import, so ids are compared after renaming them by position on both sides; everything else
// (roles, text, calls, arguments, results, tools) must be identical.
import { canonicalJson } from "../../record/index.js";
import type { DatasetRecord } from "../record.js";
import { recordContent } from "../record.js";

export function comparableContent(record: DatasetRecord): string {
  const content = structuredClone(recordContent(record));
  const renamed = new Map<string, string>();
  for (const message of content.messages) {
    if (message.role === "assistant") {
      for (const call of message.tool_calls ?? []) {
        const id = `call_${renamed.size + 1}`;
        renamed.set(call.id, id);
        call.id = id;
      }
    } else if (message.role === "tool") {
      message.tool_call_id = renamed.get(message.tool_call_id) ?? message.tool_call_id;
    }
  }
  // Tools are compared as JSON values: key order inside a schema is not content.
  return canonicalJson(content);
}

/**
 * A fast content key for exact-duplicate detection: ids renamed as above, serialised with JSON.stringify (key order as
 * imported, which is stable within one source) instead of canonical JSON — an order-only difference is still caught as
 * a near-duplicate (identical user text).
 */
export function contentKey(record: DatasetRecord): string {
  const renamed = new Map<string, string>();
  const messages = record.messages.map((message) => {
    if (message.role === "assistant" && message.tool_calls) {
      return { ...message, tool_calls: message.tool_calls.map((call) => {
        const id = `call_${renamed.size + 1}`;
        renamed.set(call.id, id);
        return { ...call, id };
      }) };
    }
    if (message.role === "tool") return { ...message, tool_call_id: renamed.get(message.tool_call_id) ?? message.tool_call_id };
    return message;
  });
  return JSON.stringify([messages, record.tools, record.parallel_tool_calls ?? null]);
}
