// Turns toolgate's ChatMessage[] into node-llama-cpp's ChatHistoryItem[], pairing tool results with the calls that produced them.
import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse } from "node-llama-cpp";
import type { ChatMessage } from "../../record/index.js";

/**
 * node-llama-cpp keeps a whole assistant turn (text, calls and their results, more text) in one `model` item, so
 * consecutive assistant and tool messages are folded into the model item before them. The returned history always
 * ends with a `model` item: empty when the model should start a new turn, or the current turn, which generation then
 * continues (the case after tool results, which is how node-llama-cpp itself resumes after a function call).
 */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const callsById = new Map<string, ChatModelFunctionCall>();

  const currentModelItem = (): ChatModelResponse => {
    const last = history[history.length - 1];
    if (last?.type === "model") return last;
    const item: ChatModelResponse = { type: "model", response: [] };
    history.push(item);
    return item;
  };

  for (const message of messages) {
    switch (message.role) {
      case "system":
        history.push({ type: "system", text: message.content });
        break;
      case "user":
        history.push({ type: "user", text: message.content });
        break;
      case "assistant": {
        const item = currentModelItem();
        if (message.content !== "") item.response.push(message.content);
        for (const call of message.toolCalls ?? []) {
          const functionCall: ChatModelFunctionCall = {
            type: "functionCall",
            name: call.name,
            params: parseJsonOr(call.arguments, call.arguments),
            result: undefined,
          };
          callsById.set(call.id, functionCall);
          item.response.push(functionCall);
        }
        break;
      }
      case "tool": {
        const call = callsById.get(message.callId);
        const result = parseJsonOr(message.content, message.content);
        if (call) {
          call.result = result;
        } else {
          // A result with no call in this history (e.g. a truncated transcript): keep the information as plain text.
          history.push({ type: "user", text: `Result of ${message.toolName} (${message.callId}): ${message.content}` });
        }
        break;
      }
    }
  }
  if (history[history.length - 1]?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}

function parseJsonOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}
