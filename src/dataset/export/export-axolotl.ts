// Axolotl `type: chat_template` rows (OpenAI-shaped messages, per-turn `weight` as the training flag, tools as a list)
// and the dataset block of the Axolotl config that maps those fields.
import type { DatasetRecord } from "../record.js";
import { toOpenAiRow } from "./export-openai.js";
import type { ExportedRow } from "./export-row.js";

export function toAxolotlRow(record: DatasetRecord): ExportedRow {
  // Same shape as OpenAI's (arguments as JSON strings, for the same Arrow reason as TRL), tools always present.
  const exported = toOpenAiRow(record);
  const messages = (exported.row as { messages: Record<string, unknown>[] }).messages;
  // Chat templates with thinking (Qwen3) read `reasoning_content`, so Axolotl keeps what OpenAI's format cannot.
  record.messages.forEach((message, index) => {
    if (message.role === "assistant" && message.reasoning !== undefined) messages[index]!.reasoning_content = message.reasoning;
  });
  const losses = exported.losses.filter((loss) => loss !== "reasoning-dropped");
  return { row: { messages, tools: record.tools, ...(record.parallel_tool_calls === undefined ? {} : { parallel_tool_calls: record.parallel_tool_calls }) }, losses };
}

/** The `datasets:` entry of an Axolotl config for a file written by `toAxolotlRow`. */
export function axolotlDatasetConfig(dataFile: string): string {
  return [
    "datasets:",
    `  - path: ${dataFile}`,
    "    type: chat_template",
    "    ds_type: json",
    "    field_messages: messages",
    "    field_tools: tools",
    "    message_property_mappings:",
    "      role: role",
    "      content: content",
    "    roles_to_train: [assistant]",
    "    # per-turn flag: assistant turns with weight 0 are context only",
    "    message_field_training: weight",
    "",
  ].join("\n");
}
