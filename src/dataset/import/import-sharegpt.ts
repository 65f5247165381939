// ShareGPT rows (LLaMA-Factory `conversations` with function_call/observation turns, column and tag mappings from
// dataset_info.json) and their Hermes flavour (<tools> in the system turn, <tool_call>/<tool_response> in the text).
import type { JsonObject, RecordMessage, RecordTool, RecordToolCall } from "../record.js";
import { isJsonObject } from "../record.js";
import { callFromObject, parseCallMarkup, parseResponseMarkup, parseToolsBlock } from "./hermes-markup.js";
import type { MarkupCall } from "./hermes-markup.js";
import type { ImportOutcome, RowContext } from "./row-builder.js";
import { maybeJsonText, toRecordTool } from "./row-builder.js";
import { parseJsonOrPython } from "../io/python-literal.js";

/** LLaMA-Factory's dataset_info.json `columns` and `tags` for the sharegpt formatting (its defaults below). */
export interface ShareGptMapping {
  messages: string;
  tools: string;
  system: string;
  roleTag: string;
  contentTag: string;
  user: string[];
  assistant: string[];
  observation: string[];
  functionCall: string[];
  systemTag: string[];
}

export const defaultShareGptMapping: ShareGptMapping = {
  messages: "conversations",
  tools: "tools",
  system: "system",
  roleTag: "from",
  contentTag: "value",
  user: ["human", "user"],
  assistant: ["gpt", "assistant"],
  observation: ["observation", "tool", "function_response", "function"],
  functionCall: ["function_call"],
  systemTag: ["system"],
};

/** The mapping a dataset_info.json entry declares (columns and tags), over the defaults. */
export function mappingFromDatasetInfo(entry: unknown): ShareGptMapping {
  if (!isJsonObject(entry)) return defaultShareGptMapping;
  const columns = isJsonObject(entry.columns) ? entry.columns : {};
  const tags = isJsonObject(entry.tags) ? entry.tags : {};
  const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
  const tag = (value: unknown, fallback: string[]) => (typeof value === "string" ? [value] : fallback);
  return {
    messages: text(columns.messages, "conversations"),
    tools: text(columns.tools, "tools"),
    system: text(columns.system, "system"),
    roleTag: text(tags.role_tag, "from"),
    contentTag: text(tags.content_tag, "value"),
    user: tag(tags.user_tag, defaultShareGptMapping.user),
    assistant: tag(tags.assistant_tag, defaultShareGptMapping.assistant),
    observation: tag(tags.observation_tag, defaultShareGptMapping.observation),
    functionCall: tag(tags.function_tag, defaultShareGptMapping.functionCall),
    systemTag: tag(tags.system_tag, defaultShareGptMapping.systemTag),
  };
}

function toCalls(markup: MarkupCall[], context: RowContext, field: string): RecordToolCall[] {
  return markup.map((call, index) => {
    if (call.python) context.repair("call-python-literal", `${field}[${index}]`, "call written as a Python dict");
    return { id: call.id ?? "", type: "function", function: { name: call.name, arguments: context.decodeArguments(call.arguments, `${field}[${index}].arguments`) } };
  });
}

/** A whole gpt/function_call value that is JSON call(s): `{name, arguments}`, a list of them, or OpenAI tool_calls. */
function wholeValueCalls(value: string): MarkupCall[] | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  const parsed = parseJsonOrPython(trimmed);
  if (!parsed) return undefined;
  const list = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (list.length === 0) return undefined;
  const calls = list.map((entry) => callFromObject(entry, parsed.python));
  if (calls.some((call) => call === undefined || (!isJsonObject(call.arguments) && typeof call.arguments !== "string"))) return undefined;
  return calls as MarkupCall[];
}

export function importShareGptRow(value: unknown, context: RowContext, mapping: ShareGptMapping = defaultShareGptMapping): ImportOutcome {
  const turns = Array.isArray(value) ? value : isJsonObject(value) ? value[mapping.messages] : undefined;
  if (!Array.isArray(turns)) return context.problem("missing-conversations", `the row has no ${mapping.messages} list`, mapping.messages);
  const row: JsonObject = isJsonObject(value) ? value : {};
  const tools: RecordTool[] = [];
  const addTools = (raw: unknown, field: string) => {
    const list = maybeJsonText(raw, context, field);
    if (!Array.isArray(list)) {
      if (list !== undefined && list !== "" && list !== null) context.repair("tools-unreadable", field, "tools are neither a list nor JSON text of one; dropped");
      return;
    }
    list.forEach((tool, index) => {
      const converted = toRecordTool(tool, context, `${field}[${index}]`);
      if (converted) tools.push(converted);
    });
  };
  addTools(row[mapping.tools], mapping.tools);

  const messages: RecordMessage[] = [];
  if (typeof row[mapping.system] === "string" && row[mapping.system] !== "") messages.push({ role: "system", content: row[mapping.system] as string });
  let pendingCalls = 0;
  for (const [index, turn] of turns.entries()) {
    const field = `${mapping.messages}[${index}]`;
    if (!isJsonObject(turn)) return context.problem("turn-not-object", "a turn must be an object", field);
    const role = turn[mapping.roleTag];
    const raw = turn[mapping.contentTag];
    const content = context.text(raw, `${field}.${mapping.contentTag}`);
    if (typeof role !== "string") return context.problem("turn-without-role", `a turn needs ${mapping.roleTag}`, `${field}.${mapping.roleTag}`);
    if (mapping.systemTag.includes(role)) {
      const block = parseToolsBlock(content);
      if (block) {
        if (block.python) context.repair("tools-python-literal", `${field}.${mapping.contentTag}`, "tool list written as Python literals");
        block.tools.forEach((tool, toolIndex) => {
          const converted = toRecordTool(tool, context, `${field}.tools[${toolIndex}]`);
          if (converted) tools.push(converted);
        });
        if (block.text !== "") messages.push({ role: "system", content: block.text });
      } else {
        messages.push({ role: "system", content });
      }
    } else if (mapping.user.includes(role)) {
      messages.push({ role: "user", content });
    } else if (mapping.functionCall.includes(role)) {
      const calls = wholeValueCalls(content) ?? parseCallMarkup(content)?.calls;
      if (!calls || calls.length === 0) return context.problem("function-call-unreadable", "a function_call turn must hold {name, arguments} JSON", `${field}.${mapping.contentTag}`);
      messages.push({ role: "assistant", content: null, tool_calls: toCalls(calls, context, `${field}.calls`) });
      pendingCalls = calls.length;
    } else if (mapping.assistant.includes(role)) {
      const markup = parseCallMarkup(content);
      const whole = markup ? undefined : wholeValueCalls(content);
      if (markup && markup.calls.length > 0) {
        if (markup.invalid.length > 0) context.repair("call-block-unreadable", `${field}.${mapping.contentTag}`, `${markup.invalid.length} <tool_call> block(s) did not parse and stay in the text`);
        messages.push({ role: "assistant", content: markup.text === "" ? null : markup.text, tool_calls: toCalls(markup.calls, context, `${field}.calls`) });
        pendingCalls = markup.calls.length;
      } else if (whole) {
        messages.push({ role: "assistant", content: null, tool_calls: toCalls(whole, context, `${field}.calls`) });
        pendingCalls = whole.length;
      } else {
        messages.push({ role: "assistant", content });
      }
    } else if (mapping.observation.includes(role)) {
      const results: ParsedResult[] = parseResponseMarkup(content) ?? openAiLikeResult(content) ?? splitResults(content, pendingCalls);
      results.forEach((result, resultIndex) => {
        if (result.mended === true) context.repair("tool-result-json-mended", `${field}[${resultIndex}]`, "a missing closing quote after tool_call_id was added");
        else if (result.python) context.repair("tool-result-python-literal", `${field}[${resultIndex}]`, "tool result written as a Python dict");
        const message: RecordMessage = { role: "tool", tool_call_id: result.id ?? "", content: result.content };
        if (result.name !== undefined) message.name = result.name;
        messages.push(message);
      });
      pendingCalls = 0;
    } else {
      return context.problem("unknown-role", `unknown ${mapping.roleTag} ${JSON.stringify(role)}`, `${field}.${mapping.roleTag}`);
    }
  }
  return context.finish(messages, tools, typeof row.parallel_tool_calls === "boolean" ? { parallel_tool_calls: row.parallel_tool_calls } : undefined);
}

/** data-genie's `{"tool_call_id", "name", "content"}` tool turns; the sample's missing closing quote is mended. */
interface ParsedResult {
  id?: string;
  name?: string;
  content: string;
  python: boolean;
  mended?: boolean;
}

function openAiLikeResult(content: string): ParsedResult[] | undefined {
  if (!content.trimStart().startsWith('{"tool_call_id"')) return undefined;
  let parsed = parseJsonOrPython(content);
  let mended = false;
  if (!parsed) {
    parsed = parseJsonOrPython(content.replace(/("tool_call_id": "[^",]*), "name"/, '$1", "name"'));
    mended = parsed !== undefined;
  }
  if (!parsed || !isJsonObject(parsed.value)) return undefined;
  const value = parsed.value;
  const result: ParsedResult = { content: typeof value.content === "string" ? value.content : JSON.stringify(value.content), python: parsed.python };
  if (typeof value.tool_call_id === "string") result.id = value.tool_call_id;
  if (typeof value.name === "string") result.name = value.name;
  if (mended) result.mended = true;
  return [result];
}

/** One observation answering several calls is written by our exporter as a JSON list of result strings. */
function splitResults(content: string, pendingCalls: number): ParsedResult[] {
  if (pendingCalls > 1) {
    try {
      const parsed: unknown = JSON.parse(content);
      if (Array.isArray(parsed) && parsed.length === pendingCalls && parsed.every((entry) => typeof entry === "string")) return parsed.map((entry: string) => ({ content: entry, python: false }));
    } catch {
      // not a list of results: one result
    }
  }
  return [{ content, python: false }];
}
