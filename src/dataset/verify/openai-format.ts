// The checks of OpenAI's chat fine-tuning data-prep validator (cookbook "Data preparation and analysis for chat model
// fine-tuning"), run on the raw JSON row so key-level problems are seen before any import: data_type,
// missing_messages_list, message_missing_key, message_unrecognized_key, unrecognized_role, missing_content,
// example_missing_assistant_message; plus its warnings (no system / no user message) and the API's weight rule.
// The validator predates tools: keys and roles of the tools API (tool_calls, tool_call_id, role tool) are allowed, and
// an assistant message that calls tools needs no content (the API accepts that; the validator would count it).
import { isJsonObject } from "../record.js";
import type { Defect } from "./defect.js";

const allowedMessageKeys = new Set(["role", "content", "name", "function_call", "weight", "tool_calls", "tool_call_id"]);
const allowedRoles = new Set(["system", "user", "assistant", "function", "tool"]);
const allowedRowKeys = new Set(["messages", "tools", "functions", "parallel_tool_calls", "meta"]);

export function checkOpenAiFormat(row: unknown): Defect[] {
  const defects: Defect[] = [];
  if (!isJsonObject(row)) return [{ kind: "openai:data_type", severity: "error", message: "the row is not a JSON object" }];
  const messages = row.messages;
  if (!Array.isArray(messages) || messages.length === 0) return [{ kind: "openai:missing_messages_list", severity: "error", field: "messages", message: "the row has no (non-empty) messages list" }];
  for (const key of Object.keys(row)) {
    if (!allowedRowKeys.has(key)) defects.push({ kind: "openai:row_unrecognized_key", severity: "warning", field: key, message: `top-level key ${JSON.stringify(key)} is not part of the fine-tuning format` });
  }
  messages.forEach((message, index) => {
    const field = `messages[${index}]`;
    if (!isJsonObject(message)) {
      defects.push({ kind: "openai:data_type", severity: "error", field, message: "a message is not an object" });
      return;
    }
    const callsTools = (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) || isJsonObject(message.function_call);
    if (!("role" in message)) defects.push({ kind: "openai:message_missing_key", severity: "error", field: `${field}.role`, message: "message has no role" });
    if (!("content" in message)) {
      defects.push({ kind: "openai:message_missing_key", severity: callsTools ? "warning" : "error", field: `${field}.content`, message: callsTools ? "message has no content key (the API accepts this beside tool_calls; the cookbook validator counts it)" : "message has no content" });
    }
    for (const key of Object.keys(message)) {
      if (!allowedMessageKeys.has(key)) defects.push({ kind: "openai:message_unrecognized_key", severity: "error", field: `${field}.${key}`, message: `unrecognised message key ${JSON.stringify(key)}` });
    }
    if (!allowedRoles.has(message.role as string)) defects.push({ kind: "openai:unrecognized_role", severity: "error", field: `${field}.role`, message: `role ${JSON.stringify(message.role)} is not system/user/assistant/tool/function` });
    const content = message.content;
    if (content !== undefined && content !== null && typeof content !== "string") {
      defects.push({ kind: "openai:missing_content", severity: "error", field: `${field}.content`, message: `content is ${Array.isArray(content) ? "an array" : typeof content}, not text` });
    } else if ((content === undefined || content === null || content === "") && !callsTools && message.role !== "tool") {
      if ("content" in message) defects.push({ kind: "openai:missing_content", severity: "error", field: `${field}.content`, message: "empty content and no call" });
    }
    if ("weight" in message && message.weight !== 0 && message.weight !== 1) defects.push({ kind: "openai:invalid_weight", severity: "error", field: `${field}.weight`, message: "weight must be 0 or 1" });
    if ("weight" in message && message.role !== "assistant") defects.push({ kind: "openai:invalid_weight", severity: "error", field: `${field}.weight`, message: "weight is only allowed on assistant messages" });
  });
  const roles = messages.map((message) => (isJsonObject(message) ? message.role : undefined));
  if (!roles.includes("assistant")) defects.push({ kind: "openai:example_missing_assistant_message", severity: "error", field: "messages", message: "no assistant message: nothing to train on" });
  if (!roles.includes("user")) defects.push({ kind: "openai:missing_user_message", severity: "warning", field: "messages", message: "no user message" });
  if (!roles.includes("system")) defects.push({ kind: "openai:missing_system_message", severity: "warning", field: "messages", message: "no system message" });
  return defects;
}
