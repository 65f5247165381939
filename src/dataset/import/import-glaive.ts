// Text transcripts: Glaive (`SYSTEM:`/`USER:`/`ASSISTANT:`/`FUNCTION RESPONSE:` with `<functioncall>` and
// single-quoted argument strings) and the Hermes few-shot rewrites of it (`<tools>`, `<tool_call>` blocks).
import type { RecordMessage, RecordTool, RecordToolCall } from "../record.js";
import { isJsonObject } from "../record.js";
import { concatenatedValues, parseCallMarkup, parseFunctionCallTag, parseToolsBlock } from "./hermes-markup.js";
import type { ImportOutcome, RowContext } from "./row-builder.js";
import { toRecordTool } from "./row-builder.js";

const speaker = /(?:^|\n)\s*(SYSTEM|USER|ASSISTANT|FUNCTION RESPONSE):\s?/g;

/** The transcript text of a row: Glaive `{system, chat}`, Hermes few-shot `{example}`, or a bare string. */
function transcriptOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (!isJsonObject(value)) return undefined;
  if (typeof value.chat === "string") return `${typeof value.system === "string" ? `${value.system}\n` : ""}${value.chat}`;
  if (typeof value.example === "string") return value.example;
  if (typeof value.text === "string") return value.text;
  return undefined;
}

export function looksLikeTranscript(value: unknown): boolean {
  const text = transcriptOf(value);
  return text !== undefined && /(?:^|\n)\s*(USER|SYSTEM):/.test(text.replace(/^```\s*/, "")) && /ASSISTANT:/.test(text);
}

export function importGlaiveRow(value: unknown, context: RowContext): ImportOutcome {
  const raw = transcriptOf(value);
  if (raw === undefined) return context.problem("missing-transcript", "a text row needs chat/example/text", "chat");
  const text = raw.trim().replace(/^```\s*\n?/, "").replace(/\n?```\s*$/, "");
  const parts: { speaker: string; text: string }[] = [];
  const matches = [...text.matchAll(speaker)];
  if (matches.length === 0) return context.problem("no-speakers", "no SYSTEM:/USER:/ASSISTANT: turns found", "chat");
  matches.forEach((match, index) => {
    const start = match.index + match[0].length;
    const end = matches[index + 1]?.index ?? text.length;
    parts.push({ speaker: match[1]!, text: text.slice(start, end).replace(/<\|endoftext\|>/g, "").trim() });
  });

  const messages: RecordMessage[] = [];
  const tools: RecordTool[] = [];
  for (const [index, part] of parts.entries()) {
    const field = `turn[${index}]`;
    if (part.speaker === "SYSTEM") {
      const block = parseToolsBlock(part.text);
      let prompt = part.text;
      let list: unknown[] = [];
      if (block) {
        list = block.tools;
        prompt = block.text;
      } else {
        // Glaive: "SYSTEM: You are … functions -\n{…}\n\n{…}": the JSON objects after the prose are the functions.
        const first = part.text.search(/[{[]/);
        const values = first >= 0 ? concatenatedValues(part.text.slice(first)) : undefined;
        if (values && first >= 0) {
          list = values.values;
          prompt = part.text.slice(0, first).replace(/\s*-\s*$/, "").trim();
        }
      }
      list.forEach((tool, toolIndex) => {
        const converted = toRecordTool(tool, context, `${field}.tools[${toolIndex}]`);
        if (converted) tools.push(converted);
      });
      if (prompt !== "") messages.push({ role: "system", content: prompt });
    } else if (part.speaker === "USER") {
      messages.push({ role: "user", content: part.text });
    } else if (part.speaker === "FUNCTION RESPONSE") {
      messages.push({ role: "tool", tool_call_id: "", content: part.text });
    } else {
      const tagged = parseFunctionCallTag(part.text);
      const markup = tagged ? undefined : parseCallMarkup(part.text);
      const calls: RecordToolCall[] = [];
      if (tagged) {
        if (!tagged.call) return context.problem("functioncall-unreadable", `<functioncall> payload is neither JSON nor a Python literal: ${tagged.payload.slice(0, 80)}`, field);
        if (tagged.call.python) context.repair("call-single-quoted-arguments", `${field}.arguments`, "Glaive's single-quoted arguments string read as Python");
        calls.push({ id: "", type: "function", function: { name: tagged.call.name, arguments: context.decodeArguments(tagged.call.arguments, `${field}.arguments`) } });
      } else if (markup) {
        markup.calls.forEach((call, callIndex) => {
          if (call.python) context.repair("call-python-literal", `${field}.calls[${callIndex}]`, "call written as a Python dict");
          calls.push({ id: "", type: "function", function: { name: call.name, arguments: context.decodeArguments(call.arguments, `${field}.calls[${callIndex}].arguments`) } });
        });
      }
      const content = tagged ? tagged.text : markup ? markup.text : part.text;
      const message: RecordMessage = { role: "assistant", content: calls.length > 0 && content === "" ? null : content };
      if (calls.length > 0) message.tool_calls = calls;
      messages.push(message);
    }
  }
  return context.finish(messages, tools);
}
