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
  // The walk builds no path strings: only a problem found names where it is (most events have none).
  const problem = jsonProblem(value, ancestors);
  if (problem === undefined) return;
  const where = path + problem.at.reverse().map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("");
  throw new AuditInputError(problem.message, problem.hint, where);
}

interface JsonProblem {
  message: string;
  hint: string;
  /** Keys and indexes from the problem up to the root (reversed once, when reported). */
  at: Array<string | number>;
}

function jsonProblem(value: unknown, ancestors: Set<object>): JsonProblem | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : { message: `${value} is not representable in JSON`, hint: "store it as a string or null", at: [] };
    case "object": {
      if (value === null) return undefined;
      if (ancestors.has(value)) return { message: "contains a cycle", hint: "store a plain tree of values (ids instead of back-references)", at: [] };
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return undefined;
      ancestors.add(value);
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          const problem = jsonProblem(value[index], ancestors);
          if (problem) {
            problem.at.push(index);
            return problem;
          }
        }
      } else {
        for (const key in value) {
          if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
          const member = (value as Record<string, unknown>)[key];
          if (member === undefined) continue;
          const problem = jsonProblem(member, ancestors);
          if (problem) {
            problem.at.push(key);
            return problem;
          }
        }
      }
      ancestors.delete(value);
      return undefined;
    }
    default:
      return { message: `a ${typeof value} is not JSON`, hint: "store only JSON values (strings, numbers, booleans, null, arrays, objects)", at: [] };
  }
}
