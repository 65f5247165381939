// Reads the tool markup Hermes, Glaive and data-genie write inside message text: <tools>, <tool_call>, <functioncall>,
// <tool_response> blocks and their ```fenced variants, with JSON or Python-literal payloads.
import type { JsonValue } from "../record.js";
import { isJsonObject } from "../record.js";
import { parseJsonOrPython } from "../io/python-literal.js";

export interface MarkupCall {
  name: string;
  arguments: unknown;
  id?: string;
  /** True when the payload needed Python literal syntax. */
  python: boolean;
}

const callBlock = /<tool_call>\s*([\s\S]*?)\s*<\/tool_call>|```tool_call\s*\n([\s\S]*?)\n?```/g;
const responseBlock = /<tool_response>\s*([\s\S]*?)\s*<\/tool_response>|```tool_response\s*\n([\s\S]*?)\n?```/g;

/** A call payload object: `{name, arguments}` (Hermes, Glaive), or OpenAI's `{id, function: {name, arguments}}`. */
export function callFromObject(value: unknown, python = false): MarkupCall | undefined {
  if (!isJsonObject(value)) return undefined;
  const fn = isJsonObject(value.function) ? value.function : value;
  if (typeof fn.name !== "string") return undefined;
  const call: MarkupCall = { name: fn.name, arguments: fn.arguments ?? fn.parameters ?? {}, python };
  if (typeof value.id === "string") call.id = value.id;
  return call;
}

/** Each line of a fenced block may hold one payload (data-genie writes one Python dict per line). */
function payloadValues(payload: string): { values: JsonValue[]; python: boolean } | undefined {
  const whole = parseJsonOrPython(payload);
  if (whole) return { values: Array.isArray(whole.value) ? whole.value : [whole.value], python: whole.python };
  const lines = payload.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const parsed = lines.map((line) => parseJsonOrPython(line));
  if (lines.length === 0 || parsed.some((entry) => entry === undefined)) return undefined;
  return { values: parsed.map((entry) => entry!.value), python: parsed.some((entry) => entry!.python) };
}

/**
 * Calls written as <tool_call> blocks (or ```tool_call fences): the calls and the text outside the blocks.
 * undefined when the text has no call markup; `invalid` lists blocks that did not parse (kept in `text`).
 */
export function parseCallMarkup(text: string): { calls: MarkupCall[]; text: string; invalid: string[] } | undefined {
  if (!text.includes("<tool_call>") && !text.includes("```tool_call")) return undefined;
  const calls: MarkupCall[] = [];
  const invalid: string[] = [];
  const rest = text.replace(callBlock, (block: string, xml: string | undefined, fenced: string | undefined) => {
    const parsed = payloadValues((xml ?? fenced ?? "").trim());
    const converted = parsed?.values.map((value) => callFromObject(value, parsed.python));
    if (!converted || converted.some((call) => call === undefined)) {
      invalid.push(block);
      return block;
    }
    calls.push(...(converted as MarkupCall[]));
    return "";
  });
  return { calls, text: rest.trim(), invalid };
}

/** A Glaive `<functioncall> {...}` (the payload runs to `<|endoftext|>` or the end of the text). */
export function parseFunctionCallTag(text: string): { call: MarkupCall | undefined; text: string; payload: string } | undefined {
  const at = text.indexOf("<functioncall>");
  if (at < 0) return undefined;
  const after = text.slice(at + "<functioncall>".length);
  const end = after.indexOf("<|endoftext|>");
  const payload = (end >= 0 ? after.slice(0, end) : after).trim();
  const parsed = parseJsonOrPython(payload);
  return { call: parsed ? callFromObject(parsed.value, parsed.python) : undefined, text: text.slice(0, at).trim(), payload };
}

/** Tool results in <tool_response> blocks or ```tool_response fences: one entry per result. */
export function parseResponseMarkup(text: string): { name?: string; content: string; python: boolean }[] | undefined {
  if (!text.includes("<tool_response>") && !text.includes("```tool_response")) return undefined;
  const results: { name?: string; content: string; python: boolean }[] = [];
  for (const match of text.matchAll(responseBlock)) {
    const payload = (match[1] ?? match[2] ?? "").trim();
    const parsed = payloadValues(payload);
    if (!parsed) {
      results.push({ content: payload, python: false });
      continue;
    }
    for (const value of parsed.values) {
      if (isJsonObject(value) && value.content !== undefined) {
        const result: { name?: string; content: string; python: boolean } = { content: typeof value.content === "string" ? value.content : JSON.stringify(value.content), python: parsed.python };
        if (typeof value.name === "string") result.name = value.name;
        results.push(result);
      } else {
        results.push({ content: typeof value === "string" ? value : JSON.stringify(value), python: parsed.python });
      }
    }
  }
  return results;
}

/** The tool list of a system prompt: a <tools>…</tools> block or a ```tools fence; the prompt without it. */
export function parseToolsBlock(text: string): { tools: unknown[]; text: string; python: boolean } | undefined {
  const match = /<tools>\s*([\s\S]*?)\s*<\/tools>|```tools\s*\n([\s\S]*?)\n?```/.exec(text);
  if (!match) return undefined;
  const payload = (match[1] ?? match[2] ?? "").trim();
  const parsed = payloadValues(payload) ?? concatenatedValues(payload);
  if (!parsed) return undefined;
  const remaining = (text.slice(0, match.index) + text.slice(match.index + match[0].length)).trim();
  return { tools: parsed.values, text: remaining, python: parsed.python };
}

/** Several JSON objects written one after another (Glaive's system prompt lists functions this way). */
export function concatenatedValues(text: string): { values: JsonValue[]; python: boolean } | undefined {
  const values: JsonValue[] = [];
  let python = false;
  let depth = 0;
  let start = -1;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote !== undefined) {
      if (char === "\\") index += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || (char === "'" && depth > 0)) quote = char;
    else if (char === "{" || char === "[") {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === "}" || char === "]") {
      depth -= 1;
      if (depth === 0 && start >= 0) {
        const parsed = parseJsonOrPython(text.slice(start, index + 1));
        if (!parsed) return undefined;
        python ||= parsed.python;
        if (Array.isArray(parsed.value)) values.push(...parsed.value);
        else values.push(parsed.value);
        start = -1;
      }
    }
  }
  return values.length > 0 ? { values, python } : undefined;
}
