// TRL SFT rows: `messages` + `tools`. Hugging Face `datasets` builds one Arrow type per column across all rows, so
// call arguments or tool schemas whose value types differ between rows fail to load ("Could not convert '2022' with
// type str: tried to convert to int64") or come back padded with nulls. Hence: `arguments` is a JSON string (Qwen3 and
// Hermes templates print strings verbatim) and `tools` is a JSON string (TRL's SFTTrainer json.loads a string `tools`).
import type { DatasetRecord } from "../record.js";
import { argumentsText } from "./export-openai.js";
import type { ExportedRow } from "./export-row.js";

export function toTrlRow(record: DatasetRecord): ExportedRow {
  const losses: string[] = [];
  const messages = record.messages.map((message) => {
    switch (message.role) {
      case "system":
      case "user":
        return { role: message.role, content: message.content };
      case "tool":
        return message.name === undefined ? { role: "tool", tool_call_id: message.tool_call_id, content: message.content } : { role: "tool", tool_call_id: message.tool_call_id, name: message.name, content: message.content };
      case "assistant": {
        const out: Record<string, unknown> = { role: "assistant", content: message.content };
        if (message.tool_calls && message.tool_calls.length > 0) out.tool_calls = message.tool_calls.map((call) => ({ id: call.id, type: "function", function: { name: call.function.name, arguments: argumentsText(call.function.arguments) } }));
        if (message.reasoning !== undefined) out.reasoning_content = message.reasoning;
        if (message.weight !== undefined) losses.push("weight-dropped");
        return out;
      }
    }
  });
  const row: Record<string, unknown> = { messages, tools: JSON.stringify(record.tools) };
  if (record.parallel_tool_calls !== undefined) row.parallel_tool_calls = record.parallel_tool_calls;
  return { row, losses };
}
