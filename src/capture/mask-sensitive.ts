// Masks remembered sensitive values inside captured text: the audit trail replaces a whole field with a digest, but a
// training row needs the rest of the sentence, so only the value itself becomes `[redacted:sha256:…]`.
import type { ChatMessage } from "../record/index.js";

export interface MaskResult {
  messages: ChatMessage[];
  /** Strings in which at least one value was masked. */
  masked: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces every case-insensitive occurrence of each value (trimmed, lower-cased, as the audit's sensitiveValues keeps
 * them) in message text and in the raw argument text of tool calls. The marker holds no quote or backslash, so a JSON
 * string stays valid JSON with the marker inside it.
 */
export function maskSensitive(messages: readonly ChatMessage[], values: readonly string[], digest: (value: string) => string): MaskResult {
  if (values.length === 0) return { messages: structuredClone([...messages]), masked: 0 };
  // Longest first, so a value that contains another is masked whole.
  const ordered = [...new Set(values)].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(ordered.map(escapeRegExp).join("|"), "gi");
  const markers = new Map<string, string>();
  const markerOf = (value: string) => {
    const key = value.toLowerCase();
    let marker = markers.get(key);
    if (marker === undefined) {
      marker = `[redacted:${digest(key)}]`;
      markers.set(key, marker);
    }
    return marker;
  };
  let masked = 0;
  const mask = (text: string): string => {
    const result = text.replace(pattern, markerOf);
    if (result !== text) masked += 1;
    return result;
  };
  const result = messages.map((message): ChatMessage => {
    switch (message.role) {
      case "assistant":
        return {
          ...message,
          content: mask(message.content),
          ...(message.toolCalls ? { toolCalls: message.toolCalls.map((call) => ({ ...call, arguments: mask(call.arguments) })) } : {}),
        };
      case "tool":
        return { ...message, content: mask(message.content) };
      default:
        return { ...message, content: mask(message.content) };
    }
  });
  return { messages: result, masked };
}
