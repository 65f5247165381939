// One canonical record as each trainer's data file wants it: TRL messages + tools, Axolotl chat_template, LLaMA-Factory ShareGPT.
import type { DatasetRecord, JsonValue } from "../record.js";
import { templateMessages } from "../tokens/index.js";

export const trainers = ["trl", "axolotl", "llama-factory"] as const;
export type Trainer = (typeof trainers)[number];

/**
 * TRL: `messages` as the chat template sees them (the same shaping the token step counted) and `tools` as a JSON
 * string. Hugging Face `datasets` infers one Arrow type per column across rows, so tool schemas (and call arguments)
 * whose shapes differ between rows either fail to load ("Could not convert '2022' with type str") or come back padded
 * with null keys that the template then prints; TRL json.loads a string `tools` itself, and the bundle's train.py reads
 * the JSON Lines without Arrow, so both survive unchanged.
 */
export function trlRow(record: DatasetRecord): { messages: unknown[]; tools: string } {
  return { messages: templateMessages(record.messages), tools: JSON.stringify(record.tools) };
}

/** Axolotl `type: chat_template`: OpenAI messages with `weight` kept per turn (its `message_field_training`), tools as objects. */
export function axolotlRow(record: DatasetRecord): { messages: unknown[]; tools: unknown[] } {
  const messages = record.messages.map((message) => {
    if (message.role !== "assistant") return { ...message };
    const { reasoning: _reasoning, content, ...rest } = message;
    return { ...rest, content: content ?? "", ...(message.weight === undefined ? {} : { weight: message.weight }) };
  });
  return { messages, tools: record.tools };
}

type ShareGptTurn = { from: "human" | "gpt" | "function_call" | "observation"; value: string };

/**
 * LLaMA-Factory ShareGPT: human / gpt / function_call / observation turns, `system` and `tools` (JSON string) apart.
 * A turn with several calls becomes one function_call holding a JSON list, which LLaMA-Factory reads as parallel calls;
 * text beside calls is kept as a gpt turn before them would break its strict alternation, so it is dropped and counted.
 */
export function llamaFactoryRow(record: DatasetRecord): { row: { conversations: ShareGptTurn[]; system?: string; tools: string }; droppedText: number } {
  const conversations: ShareGptTurn[] = [];
  let system: string | undefined;
  let droppedText = 0;
  let results: { turn: ShareGptTurn; items: string[] } | undefined;
  for (const message of record.messages) {
    if (message.role !== "tool") results = undefined;
    if (message.role === "system") system = system === undefined ? message.content : `${system}\n\n${message.content}`;
    else if (message.role === "user") conversations.push({ from: "human", value: message.content });
    else if (message.role === "tool") {
      // Consecutive results of one parallel turn become one observation, as LLaMA-Factory expects.
      if (results) {
        results.items.push(message.content);
        results.turn.value = JSON.stringify(results.items);
      } else {
        results = { turn: { from: "observation", value: message.content }, items: [message.content] };
        conversations.push(results.turn);
      }
    } else if (message.tool_calls && message.tool_calls.length > 0) {
      if (message.content) droppedText += 1;
      const calls = message.tool_calls.map((call) => ({ name: call.function.name, arguments: call.function.arguments as JsonValue }));
      conversations.push({ from: "function_call", value: JSON.stringify(calls.length === 1 ? calls[0] : calls) });
    } else {
      conversations.push({ from: "gpt", value: message.content ?? "" });
    }
  }
  return { row: { conversations, ...(system === undefined ? {} : { system }), tools: JSON.stringify(record.tools.map((tool) => tool.function)) }, droppedText };
}
