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
export const storeEventTypes: readonly AuditEventType[] = ["checkpoint", "retention.pruned"];

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
  checkJson(input.data, `${where}.data`, new Set());
  const pointers = [...(options.redaction?.[input.type] ?? []), ...(input.redact ?? [])];
  // A copy through canonical JSON: redaction must never change the caller's object, and what is stored is what is hashed.
  const canonical = canonicalJson(input.data);
  const copy = JSON.parse(canonical) as JsonValue;
  const { data, redacted } = redactData(copy, pointers, options.redactionDigest, `${where}.redact`);
  const dataText = redacted.length === 0 ? canonical : canonicalJson(data);
  const prepared: PreparedEvent = { type: input.type, traceId: input.traceId, at: input.at, atMs, data, dataText, redacted };
  if (input.callId !== undefined) prepared.callId = input.callId;
  return prepared;
}

/** Rejects what canonical JSON would silently change or cannot write: NaN, Infinity, functions, bigints, cycles. */
function checkJson(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) throw new AuditInputError(`${value} is not representable in JSON`, "store it as a string or null", path);
      return;
    case "object": {
      if (value === null) return;
      if (ancestors.has(value)) throw new AuditInputError("contains a cycle", "store a plain tree of values (ids instead of back-references)", path);
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return;
      ancestors.add(value);
      if (Array.isArray(value)) value.forEach((item, index) => checkJson(item, `${path}[${index}]`, ancestors));
      else for (const [key, member] of Object.entries(value)) if (member !== undefined) checkJson(member, `${path}.${key}`, ancestors);
      ancestors.delete(value);
      return;
    }
    default:
      throw new AuditInputError(`a ${typeof value} is not JSON`, "store only JSON values (strings, numbers, booleans, null, arrays, objects)", path);
  }
}
