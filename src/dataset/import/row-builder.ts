// What every importer shares: locating rows, recording repairs, decoding arguments, and finishing a record
// (call ids, tool names on results, category) the same way whatever the source format.
import { basename } from "node:path";
import { categorize } from "../mix/categorize.js";
import type { DatasetRecord, JsonObject, JsonValue, RecordMessage, RecordRepair, RecordTool, RowProblem, SourceFormat } from "../record.js";
import { isJsonObject } from "../record.js";
import type { SourceRow } from "../io/source-rows.js";
import { parseJsonOrPython } from "../io/python-literal.js";

export interface ImportOptions {
  /** Licence recorded in every row's meta (SPDX id), when the caller knows it. */
  licence?: string;
  /** Prefix for row ids; defaults to the file's base name without extension. */
  idPrefix?: string;
}

/** One row's import: records (a source row may yield several, e.g. BFCL multi-answer) or a located problem. */
export type ImportOutcome = { record: DatasetRecord; problem?: undefined } | { problem: RowProblem; record?: undefined };

export class RowContext {
  readonly repairs: RecordRepair[] = [];
  readonly rowId: string;

  constructor(
    readonly file: string,
    readonly format: SourceFormat,
    readonly row: SourceRow,
    readonly options: ImportOptions,
    originalId?: string,
  ) {
    const prefix = options.idPrefix ?? basename(file).replace(/\.(jsonl?|json)$/i, "");
    this.rowId = originalId ?? `${prefix}:${row.line !== undefined ? `L${row.line}` : `#${row.index ?? 0}`}`;
    this.originalId = originalId;
  }

  readonly originalId: string | undefined;

  repair(kind: string, field: string, detail?: string): void {
    this.repairs.push(detail === undefined ? { step: "import", kind, field } : { step: "import", kind, field, detail });
  }

  problem(kind: string, message: string, field?: string): ImportOutcome {
    const problem: RowProblem = { file: this.file, rowId: this.rowId, kind, message };
    if (this.row.line !== undefined) problem.line = this.row.line;
    if (this.row.index !== undefined) problem.index = this.row.index;
    if (field !== undefined) problem.field = field;
    return { problem };
  }

  /**
   * Decodes call arguments: objects pass through; JSON text is parsed once (a result that is still a string is kept
   * for verify to report as double-encoded); Python-literal text is converted and the repair recorded; anything else is
   * kept as the raw string so nothing is lost.
   */
  decodeArguments(raw: unknown, field: string): JsonValue {
    if (raw === undefined || raw === null) {
      this.repair("arguments-missing", field, "no arguments given; {} assumed");
      return {};
    }
    if (typeof raw !== "string") return raw as JsonValue;
    if (raw.trim() === "") {
      this.repair("arguments-empty-string", field, '"" read as {}');
      return {};
    }
    const parsed = parseJsonOrPython(raw);
    if (parsed === undefined) return raw;
    if (parsed.python) this.repair("arguments-python-literal", field, "Python literal syntax converted to JSON");
    return parsed.value;
  }

  /** Message content as text: strings kept, text parts joined, other JSON serialised (each change recorded). */
  text(raw: unknown, field: string): string {
    if (typeof raw === "string") return raw;
    if (raw === undefined || raw === null) return "";
    if (Array.isArray(raw) && raw.every((part) => isJsonObject(part) && (typeof part.text === "string" || typeof part.value === "string"))) {
      this.repair("content-parts-joined", field, `${raw.length} text part(s) joined`);
      return raw.map((part) => String((part as JsonObject).text ?? (part as JsonObject).value)).join("");
    }
    this.repair("content-serialised", field, `${Array.isArray(raw) ? "array" : typeof raw} content written as JSON text`);
    return JSON.stringify(raw);
  }

  finish(messages: RecordMessage[], tools: RecordTool[], extra?: { parallel_tool_calls?: boolean; conversationId?: string; extra?: JsonObject; category?: DatasetRecord["meta"]["category"] }): ImportOutcome {
    const record: DatasetRecord = { messages, tools, meta: { id: this.rowId, source: { format: this.format, file: this.file } } };
    if (extra?.parallel_tool_calls !== undefined) record.parallel_tool_calls = extra.parallel_tool_calls;
    if (this.row.line !== undefined) record.meta.source.line = this.row.line;
    if (this.row.index !== undefined) record.meta.source.index = this.row.index;
    if (this.originalId !== undefined) record.meta.source.originalId = this.originalId;
    if (extra?.conversationId !== undefined) record.meta.conversationId = extra.conversationId;
    if (this.options.licence !== undefined) record.meta.licence = this.options.licence;
    normaliseCallIds(record, this);
    record.meta.category = extra?.category ?? categorize(record);
    if (extra?.extra !== undefined) record.meta.extra = extra.extra;
    if (this.repairs.length > 0) record.meta.repairs = this.repairs;
    return { record };
  }
}

/**
 * Gives every call a row-unique id and every tool result the id and name of the call it answers. Formats without ids
 * (ShareGPT, Hermes, Glaive, xLAM) get positional ids `call_<n>`; results are paired with the oldest unanswered call
 * (of the same name when the result names one). Only changes to ids the source did have are recorded as repairs.
 */
function normaliseCallIds(record: DatasetRecord, context: RowContext): void {
  const seen = new Set<string>();
  let counter = 0;
  const pending: { id: string; original: string; name: string }[] = [];
  record.messages.forEach((message, messageIndex) => {
    if (message.role === "assistant") {
      message.tool_calls?.forEach((call, callIndex) => {
        counter += 1;
        const original = call.id;
        if (call.id === "" || seen.has(call.id)) {
          const replacement = `call_${counter}`;
          if (call.id !== "") context.repair("call-id-duplicate", `messages[${messageIndex}].tool_calls[${callIndex}].id`, `${JSON.stringify(call.id)} repeats in the row; renamed ${replacement}`);
          call.id = replacement;
        }
        seen.add(call.id);
        pending.push({ id: call.id, original, name: call.function.name });
      });
      return;
    }
    if (message.role !== "tool") return;
    let matchIndex = message.tool_call_id !== "" ? pending.findIndex((call) => call.id === message.tool_call_id) : -1;
    // A result quoting an id the source reused answers the renamed call that still waits for it.
    if (matchIndex < 0 && message.tool_call_id !== "") matchIndex = pending.findIndex((call) => call.original === message.tool_call_id);
    // No id, or an id the calls never had while the source gave them none: pair by name, else the oldest open call.
    const pairable = message.tool_call_id === "" || !pending.some((call) => call.original !== "");
    if (matchIndex < 0 && pairable) matchIndex = pending.findIndex((call) => message.name === undefined || call.name === message.name);
    if (matchIndex < 0 && pairable && pending.length > 0) matchIndex = 0;
    if (matchIndex >= 0 && message.tool_call_id !== "" && pending[matchIndex]!.id !== message.tool_call_id && pending[matchIndex]!.original !== message.tool_call_id) {
      context.repair("tool-result-id-repaired", `messages[${messageIndex}].tool_call_id`, `${JSON.stringify(message.tool_call_id)} matches no call (the calls had no ids); paired by position`);
    }
    if (matchIndex < 0) return; // verify reports the unpaired result
    const [match] = pending.splice(matchIndex, 1);
    message.tool_call_id = match!.id;
    if (message.name === undefined) message.name = match!.name;
  });
}

/** Tools given as bare `{name, description, parameters}` or OpenAI `{type, function}` become OpenAI function tools. */
export function toRecordTool(raw: unknown, context: RowContext, field: string): RecordTool | undefined {
  if (!isJsonObject(raw)) {
    context.repair("tool-dropped", field, "a tool that is not an object was dropped");
    return undefined;
  }
  const inner = isJsonObject(raw.function) ? raw.function : raw;
  if (typeof inner.name !== "string" || inner.name === "") {
    context.repair("tool-dropped", field, "a tool without a name was dropped");
    return undefined;
  }
  const tool: RecordTool = { type: "function", function: { name: inner.name, parameters: isJsonObject(inner.parameters) ? inner.parameters : { type: "object", properties: {} } } };
  if (!isJsonObject(inner.parameters)) context.repair("tool-parameters-missing", `${field}.parameters`, "no parameters: an empty object schema assumed");
  if (typeof inner.description === "string") tool.function.description = inner.description;
  if (typeof inner.strict === "boolean") tool.function.strict = inner.strict;
  return tool;
}

/** Reads a field that some sources store as JSON text (xLAM `tools`/`answers`, LLaMA-Factory `tools`). */
export function maybeJsonText(raw: unknown, context: RowContext, field: string): unknown {
  if (typeof raw !== "string") return raw;
  const parsed = parseJsonOrPython(raw);
  if (parsed === undefined) return raw;
  // JSON text is these formats' normal encoding, so only Python syntax counts as a repair.
  if (parsed.python) context.repair("field-python-literal", field, `${field} was Python literal text`);
  return parsed.value;
}
