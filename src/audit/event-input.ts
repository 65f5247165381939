// Checks what producers hand to `append` and turns it into a redacted, canonical event ready for the chain.
import { canonicalJson, type JsonValue } from "../record/index.js";
import type { PreparedEvent } from "./chain.js";
import { AuditInputError } from "./errors.js";
import type { RedactionConfig } from "./redaction.js";
import { redactData } from "./redaction.js";
import type { AuditEventInput, AuditEventType } from "./types.js";

/** Every event type the current schema knows. */
export const auditEventTypes: readonly AuditEventType[] = [
  "run.started",
  "run.finished",
  "model.step",
  "routing.decision",
  "call.proposed",
  "call.verdict",
  "call.executed",
  "call.effects",
  "call.late",
  "checkpoint",
  "retention.pruned",
  "dataset.bundle",
  "dataset.finetune",
  "tool.pinned",
];

/** Written by the store itself; a producer appending them could fake a signature or a retention cut. */
const storeEventTypes: readonly AuditEventType[] = ["checkpoint", "retention.pruned"];

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch for an ISO-8601 time with a zone, or undefined when it is not one. */
export function parseAuditTime(at: unknown): number | undefined {
  if (typeof at !== "string" || !isoTime.test(at)) return undefined;
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface PrepareOptions {
  redaction?: RedactionConfig;
  /** Keyed digest for redacted values (the signer's, or one under a configured salt). */
  redactionDigest: (canonicalValue: string) => string;
}

/** Validates and redacts one input; `where` names it in errors (`events[3]`). */
export function prepareAuditEvent(input: AuditEventInput, where: string, options: PrepareOptions): PreparedEvent {
  if (input === null || typeof input !== "object") throw new AuditInputError("is not an event object", "pass { type, traceId, at, data }", where);
  if (!auditEventTypes.includes(input.type)) {
    throw new AuditInputError(`unknown event type ${JSON.stringify(input.type)}`, `use one of ${auditEventTypes.filter((type) => !storeEventTypes.includes(type)).join(", ")}`, `${where}.type`);
  }
  if (storeEventTypes.includes(input.type)) {
    throw new AuditInputError(`"${input.type}" events are written by the store`, input.type === "checkpoint" ? "call store.checkpoint()" : "call store.prune({ before })", `${where}.type`);
  }
  if (typeof input.traceId !== "string" || input.traceId.length === 0) {
    throw new AuditInputError("must be a non-empty string", "pass the Trace id the event belongs to", `${where}.traceId`);
  }
  if (input.callId !== undefined && typeof input.callId !== "string") {
    throw new AuditInputError("must be a string when given", "pass the CallRecord id, or leave callId out", `${where}.callId`);
  }
  // PostgreSQL text cannot hold NUL; caught here, it fails one call instead of every append sharing its transaction.
  for (const field of ["traceId", "callId"] as const) {
    if (input[field]?.includes("\u0000")) throw new AuditInputError("contains a NUL character", "strip control characters from ids", `${where}.${field}`);
  }
  const atMs = parseAuditTime(input.at);
  if (atMs === undefined) {
    throw new AuditInputError(`${JSON.stringify(input.at)} is not an ISO-8601 time with a zone`, "pass e.g. new Date().toISOString()", `${where}.at`);
  }
  if (input.redact !== undefined && (!Array.isArray(input.redact) || input.redact.some((pointer) => typeof pointer !== "string"))) {
    throw new AuditInputError("must be an array of JSON pointers", 'pass e.g. ["/arguments/ssn"]', `${where}.redact`);
  }
  // One walk both checks the data and writes its canonical JSON (byte-identical to canonicalJson's).
  const canonical = checkedCanonicalJson(input.data, `${where}.data`);
  const configured = options.redaction?.[input.type];
  const pointers = configured === undefined ? (input.redact ?? []) : [...configured, ...(input.redact ?? [])];
  let data: JsonValue | undefined;
  let dataText = canonical;
  let redacted: string[] = [];
  if (pointers.length > 0) {
    // Redaction works on a private copy (through the canonical text): the caller's object is never changed.
    ({ data, redacted } = redactData(JSON.parse(canonical) as JsonValue, pointers, options.redactionDigest, `${where}.redact`));
    if (redacted.length > 0) dataText = canonicalJson(data);
  }
  // Without redaction `data` is left out: the stored text is all the chain needs, and the appended event parses it only if read.
  const prepared: PreparedEvent = { type: input.type, traceId: input.traceId, at: input.at, atMs, dataText, redacted };
  if (data !== undefined) prepared.data = data;
  if (input.callId !== undefined) prepared.callId = input.callId;
  return prepared;
}

/** What canonical JSON would silently change or cannot write: NaN, Infinity, functions, bigints, undefined in arrays, cycles. */
class JsonProblem {
  /** Keys and indexes from the problem up to the root (reversed once, when reported). */
  readonly at: Array<string | number> = [];
  constructor(
    readonly message: string,
    readonly hint: string,
  ) {}
}

/**
 * canonicalJson(value) — members in UTF-16 code-unit order, undefined members left out, toJSON honoured — written in the
 * same walk that rejects what JSON cannot hold, with the path to the problem in the error. No path strings are built
 * unless there is a problem (most events have none).
 */
function checkedCanonicalJson(value: unknown, path: string): string {
  try {
    return canonicalText(value, new Set());
  } catch (error) {
    if (!(error instanceof JsonProblem)) throw error;
    const where = path + error.at.reverse().map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("");
    throw new AuditInputError(error.message, error.hint, where);
  }
}

function canonicalText(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new JsonProblem(`${value} is not representable in JSON`, "store it as a string or null");
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      // A Date and the like: serialised as canonicalJson does (through toJSON), and not walked.
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return canonicalJson(value);
      if (ancestors.has(value)) throw new JsonProblem("contains a cycle", "store a plain tree of values (ids instead of back-references)");
      ancestors.add(value);
      let text: string;
      if (Array.isArray(value)) {
        text = "[";
        for (let index = 0; index < value.length; index++) {
          if (index > 0) text += ",";
          text += member(value[index], index, ancestors);
        }
        text += "]";
      } else {
        text = "{";
        for (const key of Object.keys(value).sort()) {
          const item = (value as Record<string, unknown>)[key];
          if (item === undefined) continue;
          if (text.length > 1) text += ",";
          text += `${JSON.stringify(key)}:${member(item, key, ancestors)}`;
        }
        text += "}";
      }
      ancestors.delete(value);
      return text;
    }
    default:
      throw new JsonProblem(`a ${typeof value} is not JSON`, "store only JSON values (strings, numbers, booleans, null, arrays, objects)");
  }
}

/** One member's text; a problem inside it learns the key or index it sits under. */
function member(value: unknown, at: string | number, ancestors: Set<object>): string {
  try {
    return canonicalText(value, ancestors);
  } catch (error) {
    if (error instanceof JsonProblem) error.at.push(at);
    throw error;
  }
}
