// The tool checks OpenAI's validator lacks, on one canonical record: role order, call/result pairing, names against the
// row's tools, arguments decoded and validated (Ajv), schema dialect and name rules, no-call rows, text beside calls,
// truncated or Python-repr tool results.
import type { DatasetRecord, JsonValue } from "../record.js";
import { isJsonObject } from "../record.js";
import { parsePythonLiteral } from "../io/python-literal.js";
import type { Defect } from "./defect.js";
import { describeAjvError } from "./schema-cache.js";
import type { SchemaCache } from "./schema-cache.js";
import { findDialectIssues } from "./schema-dialect.js";

const providerName = /^[a-zA-Z0-9_-]{1,64}$/;

/** A string that is a value's own JSON/number/boolean text, safe to turn back into the value. */
export function coercibleScalar(value: string, type: unknown): number | boolean | undefined {
  if ((type === "number" || type === "integer") && value.trim() === value && value !== "" && String(Number(value)) === value) {
    const number = Number(value);
    return type === "integer" && !Number.isInteger(number) ? undefined : number;
  }
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return undefined;
}

export function parseListText(value: string): JsonValue[] | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith("[")) return undefined;
  try {
    const parsed = JSON.parse(trimmed) as JsonValue;
    if (Array.isArray(parsed)) return parsed;
  } catch {
    try {
      const parsed = parsePythonLiteral(trimmed);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function looksTruncated(content: string): boolean {
  const text = content.trim();
  if (/(\.\.\.|…|\[truncated\]|<truncated>)$/i.test(text)) return true;
  if (!(text.startsWith("{") || text.startsWith("["))) return false;
  const closer = text.startsWith("{") ? "}" : "]";
  return !text.endsWith(closer);
}

function isPythonRepr(content: string): boolean {
  const text = content.trim();
  if (!/^[[{(]/.test(text) || !/'/.test(text)) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    try {
      parsePythonLiteral(text);
      return true;
    } catch {
      return false;
    }
  }
}

export function checkRecord(record: DatasetRecord, schemas: SchemaCache): Defect[] {
  const defects: Defect[] = [];
  const add = (defect: Defect) => defects.push(defect);
  const { messages, tools } = record;

  // Tools: names, duplicates, schema dialect, schema compiles.
  const toolByName = new Map<string, (typeof tools)[number]>();
  // Each tool is serialised once per row: the key of its cached checks and of its compiled argument validator.
  const toolKeys = new Map<(typeof tools)[number], string>();
  tools.forEach((tool, index) => {
    const name = tool.function.name;
    const field = `tools[${index}]`;
    if (toolByName.has(name)) add({ kind: "tool-name-duplicate", severity: "error", field: `${field}.function.name`, message: `tool ${name} is listed twice` });
    toolByName.set(name, tool);
    const key = JSON.stringify(tool);
    toolKeys.set(tool, key);
    // The same tool block repeats on every row of most datasets: its own checks run once per distinct tool.
    for (const defect of schemas.cachedToolCheck(`${index}:${key}`, () => checkTool(tool, field, schemas))) add(defect);
  });

  // Role order.
  let seenNonSystem = false;
  let firstNonSystem: string | undefined;
  messages.forEach((message, index) => {
    if (message.role === "system") {
      if (seenNonSystem) add({ kind: "role-order", severity: "warning", field: `messages[${index}]`, message: "a system message after the conversation started" });
      return;
    }
    if (!seenNonSystem) firstNonSystem = message.role;
    seenNonSystem = true;
    if (message.role === "tool") {
      const previous = messages[index - 1];
      if (!previous || !(previous.role === "tool" || (previous.role === "assistant" && (previous.tool_calls?.length ?? 0) > 0))) {
        add({ kind: "role-order", severity: "error", field: `messages[${index}]`, message: "a tool result must follow the assistant call(s) it answers" });
      }
    }
  });
  if (firstNonSystem !== undefined && firstNonSystem !== "user") add({ kind: "role-order", severity: "warning", field: "messages", message: `the conversation opens with ${firstNonSystem}, not user` });
  const last = messages[messages.length - 1];
  if (last && last.role !== "assistant") add({ kind: "ends-without-assistant", severity: "warning", field: `messages[${messages.length - 1}]`, message: `the row ends with ${last.role}: the turn after it is not trained` });
  if (!messages.some((message) => message.role === "assistant")) add({ kind: "no-assistant", severity: "error", field: "messages", message: "no assistant message: nothing to train on" });

  // Calls and results.
  const open = new Map<string, number>();
  const ids = new Set<string>();
  let callCount = 0;
  messages.forEach((message, index) => {
    if (message.role === "assistant") {
      const calls = message.tool_calls ?? [];
      const text = typeof message.content === "string" ? message.content.trim() : "";
      if (calls.length === 0 && text === "") add({ kind: "assistant-empty", severity: "warning", field: `messages[${index}]`, message: "assistant turn with neither text nor calls" });
      if (calls.length > 0 && text !== "") add({ kind: "text-beside-calls", severity: "warning", field: `messages[${index}].content`, message: "assistant text beside tool calls (some chat templates drop it)" });
      if (calls.length > 1 && record.parallel_tool_calls === false) add({ kind: "parallel-calls-disallowed", severity: "error", field: `messages[${index}].tool_calls`, message: "several calls in one turn but parallel_tool_calls is false" });
      calls.forEach((call, callIndex) => {
        callCount += 1;
        const field = `messages[${index}].tool_calls[${callIndex}]`;
        if (/^(call_?id|call|id|tool_call_id)$/i.test(call.id)) add({ kind: "call-id-placeholder", severity: "warning", field: `${field}.id`, message: `call id ${JSON.stringify(call.id)} is a placeholder (it cannot tie a result to its call across a conversation)` });
        if (ids.has(call.id)) add({ kind: "call-id-duplicate", severity: "error", field: `${field}.id`, message: `call id ${JSON.stringify(call.id)} repeats in the row` });
        ids.add(call.id);
        open.set(call.id, index);
        // A turn not trained on (weight 0) is context: an error-recovery row keeps the model's rejected call there, with
        // the gate's error as its result, so what is wrong with that call is reported but does not fail the row.
        const addForCall = message.weight === 0 ? (defect: Defect) => add({ ...defect, severity: "warning", message: `${defect.message} (untrained turn, kept as context)` }) : add;
        checkCall(call.function.name, call.function.arguments, field, toolByName, toolKeys, tools.length, schemas, addForCall);
      });
      return;
    }
    if (message.role === "tool") {
      const field = `messages[${index}]`;
      if (!open.has(message.tool_call_id)) add({ kind: "tool-result-unpaired", severity: "error", field: `${field}.tool_call_id`, message: `no earlier call has id ${JSON.stringify(message.tool_call_id)}` });
      open.delete(message.tool_call_id);
      if (isPythonRepr(message.content)) add({ kind: "tool-result-python-repr", severity: "warning", field: `${field}.content`, fixable: true, message: "tool result is a Python repr, not JSON" });
      else if (looksTruncated(message.content)) add({ kind: "tool-result-truncated", severity: "warning", field: `${field}.content`, message: "tool result looks cut off" });
      return;
    }
    // A new user turn while calls are unanswered: the conversation moved on without their results.
    if (message.role === "user") {
      for (const [id, at] of open) add({ kind: "tool-call-unanswered", severity: "error", field: `messages[${at}]`, message: `call ${JSON.stringify(id)} has no tool result before the next user turn` });
      open.clear();
    }
  });
  const lastIndex = messages.length - 1;
  for (const [id, at] of open) {
    if (at !== lastIndex) add({ kind: "tool-call-unanswered", severity: "error", field: `messages[${at}]`, message: `call ${JSON.stringify(id)} has no tool result` });
  }
  if (record.meta.category === "no-call" && callCount > 0) add({ kind: "no-call-row-has-calls", severity: "error", field: "meta.category", message: "labelled no-call but it calls tools" });
  if (callCount > 0 && tools.length === 0) add({ kind: "no-tool-schemas", severity: "warning", field: "tools", message: "calls without any tool schemas in the row (names and arguments cannot be checked)" });
  return defects;
}

function checkTool(tool: DatasetRecord["tools"][number], field: string, schemas: SchemaCache): Defect[] {
  const defects: Defect[] = [];
  const name = tool.function.name;
  if (!providerName.test(name)) defects.push({ kind: "tool-name-invalid", severity: "error", field: `${field}.function.name`, message: `${JSON.stringify(name)} breaks the provider rule ^[a-zA-Z0-9_-]{1,64}$` });
  for (const issue of findDialectIssues(tool.function.parameters, `${field}.function.parameters`)) {
    defects.push({ kind: "schema-dialect", severity: "warning", field: issue.path, fixable: issue.replacement !== undefined, message: `type ${JSON.stringify(issue.found)} is not JSON Schema${issue.replacement !== undefined ? ` (means ${issue.replacement === null ? "any type" : JSON.stringify(issue.replacement)}${issue.items !== undefined ? ` of ${issue.items}` : ""})` : ""}` });
  }
  if (tool.function.parameters.type !== undefined && tool.function.parameters.type !== "object" && tool.function.parameters.type !== "dict") {
    defects.push({ kind: "schema-not-object", severity: "error", field: `${field}.function.parameters.type`, message: "function parameters must be an object schema" });
  }
  const problem = schemas.problem(tool.function.parameters);
  if (problem !== undefined) defects.push({ kind: "schema-invalid", severity: "error", field: `${field}.function.parameters`, message: problem });
  return defects;
}

function checkCall(name: string, args: JsonValue, field: string, toolByName: Map<string, DatasetRecord["tools"][number]>, toolKeys: Map<DatasetRecord["tools"][number], string>, toolCount: number, schemas: SchemaCache, add: (defect: Defect) => void): void {
  if (!providerName.test(name)) add({ kind: "call-name-invalid", severity: "error", field: `${field}.function.name`, message: `${JSON.stringify(name)} breaks the provider rule ^[a-zA-Z0-9_-]{1,64}$` });
  const tool = toolByName.get(name);
  if (toolCount > 0 && !tool) add({ kind: "call-name-unknown", severity: "error", field: `${field}.function.name`, message: `${name} is not among the row's tools` });
  let value: JsonValue = args;
  if (typeof args === "string") {
    let decoded: unknown;
    try {
      decoded = JSON.parse(args);
    } catch {
      add({ kind: "arguments-invalid-json", severity: "error", field: `${field}.function.arguments`, message: `arguments are not JSON: ${args.slice(0, 60)}` });
      return;
    }
    if (!isJsonObject(decoded)) {
      add({ kind: "arguments-not-object", severity: "error", field: `${field}.function.arguments`, message: "arguments decode to a non-object" });
      return;
    }
    add({ kind: "arguments-double-encoded", severity: "error", field: `${field}.function.arguments`, fixable: true, message: "arguments are JSON text of JSON text (encoded twice)" });
    value = decoded;
  } else if (!isJsonObject(args)) {
    add({ kind: "arguments-not-object", severity: "error", field: `${field}.function.arguments`, message: `arguments are ${Array.isArray(args) ? "an array" : typeof args}, not an object` });
    return;
  }
  if (!tool) return;
  const compiled = schemas.forTool(toolKeys.get(tool), tool.function.parameters);
  if (!compiled.ok || compiled.validate(value)) return;
  const properties = isJsonObject(tool.function.parameters.properties) ? tool.function.parameters.properties : {};
  for (const error of compiled.validate.errors ?? []) {
    // A number or list written as text ("40.7", "['a', 'b']") where the schema wants the value: losslessly fixable.
    const parameter = error.instancePath.split("/")[1];
    const raw = parameter !== undefined && isJsonObject(value) ? value[parameter] : undefined;
    const spec = parameter !== undefined ? properties[parameter] : undefined;
    const wanted = isJsonObject(spec) ? normaliseTypeName(spec.type) : undefined;
    if (error.keyword === "type" && typeof raw === "string" && error.instancePath.split("/").length === 2 && (coercibleScalar(raw, wanted) !== undefined || (wanted === "array" && parseListText(raw) !== undefined))) {
      add({ kind: "arguments-value-as-string", severity: "error", field: `${field}.function.arguments.${parameter}`, fixable: true, message: `${JSON.stringify(raw)} is text where the schema wants ${String(wanted)}` });
      continue;
    }
    add({ kind: "arguments-schema", severity: "error", field: `${field}.function.arguments`, message: describeAjvError(error) });
  }
}

/** The JSON Schema type a (possibly foreign) type name means, for value coercion. */
export function normaliseTypeName(type: unknown): string | undefined {
  if (typeof type !== "string") return undefined;
  const map: Record<string, string> = { str: "string", int: "integer", float: "number", bool: "boolean", dict: "object", list: "array", tuple: "array" };
  if (/^(list|List|tuple|Tuple)[[(]/.test(type)) return "array";
  return map[type] ?? type;
}
