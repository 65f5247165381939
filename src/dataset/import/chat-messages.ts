// toolgate's own chat messages (a Trace's input and output, captured content) as canonical record messages.
import type { ChatMessage } from "../../record/index.js";
import type { RecordMessage } from "../record.js";
import type { RowContext } from "./row-builder.js";

/**
 * Arguments are decoded from the model's raw text (a string that does not decode is kept for verify to report); an
 * assistant turn holding any call in `untrainedCallIds` gets `weight: 0` (context, never a target).
 */
export function recordMessagesOf(messages: readonly ChatMessage[], context: RowContext, untrainedCallIds: ReadonlySet<string> = new Set()): RecordMessage[] {
  return messages.map((message, index): RecordMessage => {
    switch (message.role) {
      case "system":
      case "user":
        return { role: message.role, content: message.content };
      case "tool":
        return { role: "tool", tool_call_id: message.callId, name: message.toolName, content: message.content };
      case "assistant": {
        const calls = message.toolCalls ?? [];
        if (calls.length === 0) return { role: "assistant", content: message.content };
        const turn: RecordMessage = {
          role: "assistant",
          content: message.content === "" ? null : message.content,
          tool_calls: calls.map((call, callIndex) => ({ id: call.id, type: "function", function: { name: call.name, arguments: context.decodeArguments(call.arguments, `messages[${index}].tool_calls[${callIndex}].function.arguments`) } })),
        };
        if (calls.some((call) => untrainedCallIds.has(call.id))) turn.weight = 0;
        return turn;
      }
    }
  });
}

/** Drops tool results after the last assistant turn (nothing answers them, so nothing is trained there); how many. */
export function dropTrailingResults(messages: RecordMessage[]): number {
  let dropped = 0;
  while (messages.length > 0 && messages.at(-1)!.role === "tool") {
    messages.pop();
    dropped += 1;
  }
  return dropped;
}
