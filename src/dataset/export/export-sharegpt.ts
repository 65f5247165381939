// LLaMA-Factory ShareGPT rows (human / gpt / function_call / observation turns, `system` and `tools` as columns, tools
// as JSON text) and the dataset_info.json entry that names those columns.
import type { DatasetRecord } from "../record.js";
import { isJsonObject } from "../record.js";
import type { ExportedRow } from "./export-row.js";

type Turn = { from: "human" | "gpt" | "function_call" | "observation"; value: string };

export function toShareGptRow(record: DatasetRecord): ExportedRow {
  const losses: string[] = [];
  const conversations: Turn[] = [];
  const systems: string[] = [];
  let results: { turn: Turn; items: string[] } | undefined;
  record.messages.forEach((message) => {
    if (message.role !== "tool") results = undefined;
    switch (message.role) {
      case "system":
        if (conversations.length > 0) losses.push("late-system-moved");
        systems.push(message.content);
        return;
      case "user":
        conversations.push({ from: "human", value: message.content });
        return;
      case "tool":
        // LLaMA-Factory alternates strictly, so the results of one parallel turn share one observation (a JSON list).
        if (results) {
          results.items.push(message.content);
          results.turn.value = JSON.stringify(results.items);
        } else {
          results = { turn: { from: "observation", value: message.content }, items: [message.content] };
          conversations.push(results.turn);
        }
        return;
      case "assistant": {
        if (message.reasoning !== undefined) losses.push("reasoning-dropped");
        if (message.weight !== undefined) losses.push("weight-dropped");
        const calls = message.tool_calls ?? [];
        if (calls.length === 0) {
          conversations.push({ from: "gpt", value: message.content ?? "" });
          return;
        }
        if (message.content !== null && message.content !== "") losses.push("text-beside-calls-dropped");
        if (calls.some((call) => !isJsonObject(call.function.arguments))) losses.push("undecoded-arguments");
        const payload = calls.map((call) => ({ name: call.function.name, arguments: call.function.arguments }));
        conversations.push({ from: "function_call", value: JSON.stringify(payload.length === 1 ? payload[0] : payload) });
        return;
      }
    }
  });
  if (systems.length > 1) losses.push("systems-joined");
  const row: Record<string, unknown> = { conversations };
  if (systems.length > 0) row.system = systems.join("\n\n");
  row.tools = JSON.stringify(record.tools.map((tool) => tool.function));
  // An extra column LLaMA-Factory ignores; kept so the flag survives a round trip.
  if (record.parallel_tool_calls !== undefined) row.parallel_tool_calls = record.parallel_tool_calls;
  return { row, losses };
}

/** The dataset_info.json entry LLaMA-Factory needs for a file written by `toShareGptRow`. */
export function llamaFactoryDatasetInfo(name: string, fileName: string): Record<string, unknown> {
  return { [name]: { file_name: fileName, formatting: "sharegpt", columns: { messages: "conversations", system: "system", tools: "tools" } } };
}
