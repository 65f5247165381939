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

export function sameContent(a: DatasetRecord, b: DatasetRecord): boolean {
  return comparableContent(a) === comparableContent(b);
}
