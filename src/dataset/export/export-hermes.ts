// Hermes function-calling text (NousResearch hermes-function-calling-v1 style): ShareGPT turns whose system turn carries
// the tools in <tools>, gpt turns the calls in <tool_call> blocks (text beside them kept), tool turns <tool_response>.
import type { DatasetRecord } from "../record.js";
import { isJsonObject } from "../record.js";
import type { ExportedRow } from "./export-row.js";

type Turn = { from: "system" | "human" | "gpt" | "tool"; value: string };

export function toHermesRow(record: DatasetRecord): ExportedRow {
  const losses: string[] = [];
  const conversations: Turn[] = [];
  const toolsBlock = record.tools.length > 0 ? `<tools>\n${JSON.stringify(record.tools)}\n</tools>` : undefined;
  let toolsPlaced = false;
  let results: Turn | undefined;
  for (const message of record.messages) {
    if (message.role !== "tool") results = undefined;
    switch (message.role) {
      case "system":
        conversations.push({ from: "system", value: toolsBlock && !toolsPlaced ? `${message.content}\n\n${toolsBlock}` : message.content });
        toolsPlaced ||= toolsBlock !== undefined;
        break;
      case "user":
        conversations.push({ from: "human", value: message.content });
        break;
      case "tool": {
        // The content stays the exact text (a JSON string), so the row round-trips byte for byte.
        const block = `<tool_response>\n${JSON.stringify(message.name === undefined ? { content: message.content } : { name: message.name, content: message.content })}\n</tool_response>`;
        if (results) results.value = `${results.value}\n${block}`;
        else {
          results = { from: "tool", value: block };
          conversations.push(results);
        }
        break;
      }
      case "assistant": {
        if (message.reasoning !== undefined) losses.push("reasoning-dropped");
        if (message.weight !== undefined) losses.push("weight-dropped");
        const calls = (message.tool_calls ?? []).map((call) => {
          if (!isJsonObject(call.function.arguments)) losses.push("undecoded-arguments");
          return `<tool_call>\n${JSON.stringify({ name: call.function.name, arguments: call.function.arguments })}\n</tool_call>`;
        });
        const text = message.content ?? "";
        conversations.push({ from: "gpt", value: [text, ...calls].filter((part) => part !== "").join("\n") });
        break;
      }
    }
  }
  if (toolsBlock && !toolsPlaced) conversations.unshift({ from: "system", value: toolsBlock });
  return { row: record.parallel_tool_calls === undefined ? { conversations } : { conversations, parallel_tool_calls: record.parallel_tool_calls }, losses };
}
