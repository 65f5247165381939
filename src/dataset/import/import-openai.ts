// OpenAI chat fine-tuning JSONL (`messages` + `tools`, or the legacy `functions` / `function_call` / role `function`)
// and ToolBench/τ-bench message lists (OpenAI messages under `messages`/`traj`/`conversations`, usually without schemas).
import type { JsonObject, RecordMessage, RecordTool, RecordToolCall } from "../record.js";
import { isJsonObject } from "../record.js";
import type { ImportOutcome, RowContext } from "./row-builder.js";
import { maybeJsonText, toRecordTool } from "./row-builder.js";

const openAiRowKeys = new Set(["messages", "tools", "functions", "parallel_tool_calls", "meta"]);

/** Converts an OpenAI-style message list into record messages; shared by the OpenAI, τ-bench and eval importers. */
function convertOpenAiMessages(rawMessages: unknown[], context: RowContext, base = "messages"): RecordMessage[] | ImportOutcome {
  const messages: RecordMessage[] = [];
  let lastCallCount = 0;
  for (const [index, original] of rawMessages.entries()) {
    const field = `${base}[${index}]`;
    if (!isJsonObject(original)) return context.problem("message-not-object", "a message must be an object", field);
    let raw: JsonObject = original;
    const role = raw.role;
    const parts = typedParts(raw.content);
    if (parts) {
      context.repair("content-parts", `${field}.content`, `${(raw.content as unknown[]).length} typed part(s) read`);
      raw = { ...raw, content: parts.text };
      if (role === "assistant") {
        if (parts.reasoning !== undefined) raw.reasoning_content = parts.reasoning;
        if (parts.calls.length > 0) raw.tool_calls = [...(Array.isArray(raw.tool_calls) ? raw.tool_calls : []), ...parts.calls];
        if (parts.text === "" && parts.calls.length > 0) raw.content = null;
      }
    }
    switch (role) {
      case "system":
      case "developer":
        if (role === "developer") context.repair("role-developer", `${field}.role`, "developer read as system");
        messages.push({ role: "system", content: context.text(raw.content, `${field}.content`) });
        break;
      case "user":
        messages.push({ role: "user", content: context.text(raw.content, `${field}.content`) });
        break;
      case "assistant": {
        const content = raw.content === null || raw.content === undefined ? null : context.text(raw.content, `${field}.content`);
        const message: RecordMessage = { role: "assistant", content };
        const calls: RecordToolCall[] = [];
        if (Array.isArray(raw.tool_calls)) {
          for (const [callIndex, rawCall] of raw.tool_calls.entries()) {
            const callField = `${field}.tool_calls[${callIndex}]`;
            if (!isJsonObject(rawCall)) return context.problem("tool-call-not-object", "a tool call must be an object", callField);
            const fn = isJsonObject(rawCall.function) ? rawCall.function : rawCall;
            if (typeof fn.name !== "string") return context.problem("tool-call-without-name", "a tool call needs function.name", `${callField}.function.name`);
            calls.push({ id: typeof rawCall.id === "string" ? rawCall.id : "", type: "function", function: { name: fn.name, arguments: context.decodeArguments(fn.arguments, `${callField}.function.arguments`) } });
          }
        } else if (raw.tool_calls !== undefined && raw.tool_calls !== null) {
          return context.problem("tool-calls-not-list", "tool_calls must be a list", `${field}.tool_calls`);
        }
        if (isJsonObject(raw.function_call)) {
          const fn = raw.function_call;
          if (typeof fn.name !== "string") return context.problem("tool-call-without-name", "function_call needs a name", `${field}.function_call.name`);
          context.repair("legacy-function-call", `${field}.function_call`, "function_call read as one tool call");
          calls.push({ id: "", type: "function", function: { name: fn.name, arguments: context.decodeArguments(fn.arguments, `${field}.function_call.arguments`) } });
        }
        if (calls.length > 0) message.tool_calls = calls;
        lastCallCount = calls.length;
        if (typeof raw.reasoning_content === "string") message.reasoning = raw.reasoning_content;
        if (raw.weight === 0 || raw.weight === 1) message.weight = raw.weight;
        messages.push(message);
        break;
      }
      case "tool":
      case "function": {
        if (role === "function") context.repair("legacy-function-message", `${field}.role`, "role function read as a tool result");
        const content = context.text(raw.content, `${field}.content`);
        const bundled = bundledResults(content, lastCallCount);
        if (bundled) {
          context.repair("tool-results-split", `${field}.content`, `one message held ${bundled.length} results; split into one per call`);
          messages.push(...bundled);
          break;
        }
        const message: RecordMessage = { role: "tool", tool_call_id: typeof raw.tool_call_id === "string" ? raw.tool_call_id : "", content };
        if (typeof raw.name === "string") message.name = raw.name;
        messages.push(message);
        break;
      }
      default:
        return context.problem("unknown-role", `unknown role ${JSON.stringify(role)}`, `${field}.role`);
    }
    const known = new Set(["role", "content", "name", "tool_calls", "tool_call_id", "function_call", "weight", "reasoning_content"]);
    for (const key of Object.keys(raw)) if (!known.has(key)) context.repair("message-key-dropped", `${field}.${key}`, `unrecognised key ${JSON.stringify(key)} dropped`);
  }
  return messages;
}

/** A JSON list of `{tool_call_id?, name?, content}` answering several parallel calls in one message (LLaMA-Factory). */
function bundledResults(content: string, pendingCalls: number): RecordMessage[] | undefined {
  if (pendingCalls < 2 || !content.trimStart().startsWith("[")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== pendingCalls || !parsed.every((entry) => isJsonObject(entry) && "content" in entry && ("tool_call_id" in entry || "name" in entry))) return undefined;
  return (parsed as JsonObject[]).map((entry) => {
    const message: RecordMessage = { role: "tool", tool_call_id: typeof entry.tool_call_id === "string" ? entry.tool_call_id : "", content: typeof entry.content === "string" ? entry.content : JSON.stringify(entry.content) };
    if (typeof entry.name === "string") message.name = entry.name;
    return message;
  });
}

/**
 * LLaMA-Factory's typed content parts (`{type: text|reasoning|tool_call, value}`): text joined, reasoning apart, each
 * tool_call part (JSON `{name, arguments}` text) a call. undefined when the content is not such a list.
 */
function typedParts(content: unknown): { text: string; reasoning?: string; calls: JsonObject[] } | undefined {
  if (!Array.isArray(content) || content.length === 0) return undefined;
  if (!content.every((part) => isJsonObject(part) && typeof part.type === "string" && (typeof part.value === "string" || typeof part.text === "string"))) return undefined;
  const text: string[] = [];
  const reasoning: string[] = [];
  const calls: JsonObject[] = [];
  for (const part of content as JsonObject[]) {
    const value = String(part.value ?? part.text);
    if (part.type === "reasoning") reasoning.push(value);
    else if (part.type === "tool_call") {
      try {
        const parsed: unknown = JSON.parse(value);
        if (isJsonObject(parsed) && typeof parsed.name === "string") {
          calls.push({ id: "", type: "function", function: { name: parsed.name, arguments: parsed.arguments ?? {} } });
          continue;
        }
      } catch {
        // not JSON: kept as text below so nothing is lost
      }
      text.push(value);
    } else text.push(value);
  }
  const result: { text: string; reasoning?: string; calls: JsonObject[] } = { text: text.join(""), calls };
  if (reasoning.length > 0) result.reasoning = reasoning.join("\n");
  return result;
}

function convertOpenAiTools(raw: JsonObject, context: RowContext): RecordTool[] {
  const tools: RecordTool[] = [];
  const list = maybeJsonText(raw.tools, context, "tools");
  if (Array.isArray(list)) list.forEach((tool, index) => {
    const converted = toRecordTool(tool, context, `tools[${index}]`);
    if (converted) tools.push(converted);
  });
  if (Array.isArray(raw.functions)) {
    context.repair("legacy-functions", "functions", "functions read as tools");
    raw.functions.forEach((fn, index) => {
      const converted = toRecordTool(fn, context, `functions[${index}]`);
      if (converted) tools.push(converted);
    });
  }
  return tools;
}

export function importOpenAiRow(value: unknown, context: RowContext): ImportOutcome {
  if (!isJsonObject(value)) return context.problem("row-not-object", "an OpenAI row must be a JSON object");
  if (!Array.isArray(value.messages) || value.messages.length === 0) return context.problem("missing-messages", "the row has no messages list", "messages");
  const messages = convertOpenAiMessages(value.messages, context);
  if (!Array.isArray(messages)) return messages;
  for (const key of Object.keys(value)) if (!openAiRowKeys.has(key)) context.repair("row-key-dropped", key, `unrecognised top-level key ${JSON.stringify(key)} dropped`);
  const options: { parallel_tool_calls?: boolean } = {};
  if (typeof value.parallel_tool_calls === "boolean") options.parallel_tool_calls = value.parallel_tool_calls;
  return context.finish(messages, convertOpenAiTools(value, context), options);
}

/** τ-bench trajectories and ToolBench-style message lists: OpenAI messages under `traj`/`messages`, no schemas. */
export function importMessagesRow(value: unknown, context: RowContext): ImportOutcome {
  if (!isJsonObject(value)) return context.problem("row-not-object", "a trajectory row must be a JSON object");
  const list = Array.isArray(value.traj) ? value.traj : Array.isArray(value.messages) ? value.messages : undefined;
  const base = Array.isArray(value.traj) ? "traj" : "messages";
  if (!list || list.length === 0) return context.problem("missing-messages", "the row has no traj/messages list", base);
  const messages = convertOpenAiMessages(list, context, base);
  if (!Array.isArray(messages)) return messages;
  const extra: JsonObject = {};
  if (typeof value.reward === "number") extra.reward = value.reward;
  if (value.task_id !== undefined) extra.taskId = value.task_id as JsonObject[string];
  if (typeof value.trial === "number") extra.trial = value.trial;
  return context.finish(messages, convertOpenAiTools(value, context), { extra });
}
