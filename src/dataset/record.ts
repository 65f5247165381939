// The one canonical fine-tuning record every importer produces and every step and exporter consumes (OpenAI-style chat + tools).
//
// Shape rules, shared by all of src/dataset/ (importers, verify, dedupe, tokens, exports, bundles):
// - Messages follow OpenAI's chat wire shape (snake_case keys), because that is what most trainers and the fine-tuning
//   API read, so exporters stay thin.
// - A tool call's `arguments` is the PARSED JSON value. A well-formed row always has an object there. An importer that
//   cannot decode the original keeps the raw text as a string (so nothing is lost) and verify reports it:
//   a string that itself decodes to an object is "double-encoded" (losslessly fixable), any other string is invalid.
// - `tools` are OpenAI function tools whose `parameters` is a JSON Schema object (possibly in a foreign dialect such as
//   BFCL's `dict`/`float`; verify reports those, importers do not silently rewrite them).
// - `meta` carries provenance; it never reaches a trainer. Round-trip equality (import(export(x)) == x) compares
//   `messages`, `tools` and `parallel_tool_calls` only (see `recordContent`).

import type { JsonObject, JsonSchema, JsonValue } from "../record/index.js";

export type { JsonObject, JsonValue };

/** A JSON Schema object (any dialect: verify checks it, Ajv compiles it); the record room's type. */
export type RecordJsonSchema = JsonSchema;

export interface RecordToolCall {
  /** Unique within the row; importers that find none (or a placeholder repeated across calls) assign `call_<n>` and record the repair. */
  id: string;
  type: "function";
  function: {
    name: string;
    /** Parsed arguments: an object when well-formed; a string only when the source could not be decoded (see file header). */
    arguments: JsonValue;
  };
}

interface SystemMessage {
  role: "system";
  content: string;
}

interface UserMessage {
  role: "user";
  content: string;
}

interface AssistantMessage {
  role: "assistant";
  /** Text shown to the user; null (or "") when the turn only calls tools. */
  content: string | null;
  tool_calls?: RecordToolCall[];
  /** Chain-of-thought the source kept apart from the answer (LLaMA-Factory `reasoning` parts, Qwen3 `reasoning_content`). */
  reasoning?: string;
  /** OpenAI semantics: 0 = shown as context but not trained on; absent or 1 = trained. */
  weight?: 0 | 1;
}

interface ToolMessage {
  role: "tool";
  /** The id of the assistant tool call this message answers. */
  tool_call_id: string;
  /** The tool's name, when the source names it (ShareGPT observations and Glaive do not). */
  name?: string;
  /** The result as text (JSON text when the tool returned structured data). */
  content: string;
}

export type RecordMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export interface RecordTool {
  type: "function";
  function: {
    name: string;
    description?: string;
    parameters: RecordJsonSchema;
    strict?: boolean;
  };
}

/** The training categories the mix step reports and balances (issue 12). */
export const recordCategories = [
  "single", // one call from one offered tool
  "multiple", // one call, several tools offered (BFCL "multiple": choose the right one)
  "parallel", // several calls of one function in one turn
  "parallel-multiple", // several calls of different functions in one turn
  "multi-turn", // more than one user turn with calls
  "no-call", // tools offered, the right answer is not to call (irrelevance)
  "error-recovery", // a call rejected (tool message is the gate's structured error), then the corrected call
  "chat", // no tools at all
] as const;
export type RecordCategory = (typeof recordCategories)[number];

/** The source formats importers understand; also the `--format` values. */
export const sourceFormats = [
  "canonical",
  "openai",
  "xlam",
  "sharegpt",
  "hermes",
  "glaive",
  "messages", // ToolBench/τ-bench: OpenAI message lists, no tool schemas
  "bfcl",
  "eval-cases",
  "trace",
] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** Where a row came from, precise enough to find it again (file:line or file + array index). */
interface RecordSource {
  format: SourceFormat;
  file?: string;
  /** 1-based line for JSON Lines sources. */
  line?: number;
  /** 0-based position in a JSON array source. */
  index?: number;
  /** The id the source itself gave the row (BFCL id, τ-bench task_id, trace id…). */
  originalId?: string;
}

/** One change a step made to a row; every repair is recorded, nothing is changed silently. */
export interface RecordRepair {
  /** The step that made it: "import", "verify --fix", "tokens", … */
  step: string;
  /** A stable code, e.g. "arguments-double-encoded", "python-dict-call", "placeholder-call-id". */
  kind: string;
  /** JSON-path-like location in the row, e.g. `messages[2].tool_calls[0].function.arguments`. */
  field: string;
  detail?: string;
}

interface RecordMeta {
  /** Unique within a dataset and stable across runs (derived from the source, never random). */
  id: string;
  source: RecordSource;
  /** Rows sharing it (one dialogue's growing prefixes, one trace's steps) never cross a split boundary. */
  conversationId?: string;
  /** SPDX id (or free text) of the source's licence. */
  licence?: string;
  category?: RecordCategory;
  /** toolgate trace id for rows built from captured traces. */
  traceId?: string;
  split?: string;
  repairs?: RecordRepair[];
  /** Anything else the source had that a later step may want (τ-bench reward, BFCL category…). JSON only. */
  extra?: JsonObject;
}

export interface DatasetRecord {
  messages: RecordMessage[];
  tools: RecordTool[];
  /** OpenAI's flag; kept when the source set it. */
  parallel_tool_calls?: boolean;
  meta: RecordMeta;
}

/** A row an importer could not turn into a record, or a problem a step found: always located. */
export interface RowProblem {
  file?: string;
  line?: number;
  index?: number;
  rowId?: string;
  field?: string;
  kind: string;
  message: string;
}

/** `file:line` / `file[index]` / `row <id>` / `field` joined, for messages people read. */
export function formatLocation(problem: Pick<RowProblem, "file" | "line" | "index" | "rowId" | "field">): string {
  const parts: string[] = [];
  if (problem.file !== undefined) {
    parts.push(problem.line !== undefined ? `${problem.file}:${problem.line}` : problem.index !== undefined ? `${problem.file}[${problem.index}]` : problem.file);
  } else if (problem.line !== undefined) {
    parts.push(`line ${problem.line}`);
  }
  if (problem.rowId !== undefined) parts.push(`row ${problem.rowId}`);
  if (problem.field !== undefined) parts.push(problem.field);
  return parts.join(" ");
}

/** What round-trip equality and content hashes compare: everything a trainer sees, nothing of provenance. */
export function recordContent(record: DatasetRecord): Pick<DatasetRecord, "messages" | "tools" | "parallel_tool_calls"> {
  return record.parallel_tool_calls === undefined
    ? { messages: record.messages, tools: record.tools }
    : { messages: record.messages, tools: record.tools, parallel_tool_calls: record.parallel_tool_calls };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** All tool calls of a row, with the index of the assistant message that made each. */
export function toolCallsOf(record: Pick<DatasetRecord, "messages">): { messageIndex: number; callIndex: number; call: RecordToolCall }[] {
  const calls: { messageIndex: number; callIndex: number; call: RecordToolCall }[] = [];
  record.messages.forEach((message, messageIndex) => {
    if (message.role !== "assistant") return;
    message.tool_calls?.forEach((call, callIndex) => calls.push({ messageIndex, callIndex, call }));
  });
  return calls;
}
