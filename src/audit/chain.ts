// The hash chain: an event's canonical form, its hash over the previous hash, and the row both stores keep.
import { type JsonValue, sha256Hex } from "../record/index.js";
import type { AuditEvent, AuditEventType } from "./types.js";
import { auditSchemaVersion } from "./types.js";

/** The prevHash of the first event. */
export const genesisHash = "0".repeat(64);

/** An event as both stores keep it: `data` and `redacted` as canonical JSON text, `atMs` derived from `at` for range queries. */
export interface StoredEventRow {
  seq: number;
  schemaVersion: number;
  type: string;
  traceId: string;
  callId: string | null;
  at: string;
  /** Not hashed: an index for `prune` and `listTraces({ since })`; verify checks it still matches `at`. */
  atMs: number;
  data: string;
  redacted: string;
  prevHash: string;
  hash: string;
}

/** An input after validation and redaction, ready to be given a place in the chain. */
export interface PreparedEvent {
  type: AuditEventType;
  traceId: string;
  callId?: string;
  at: string;
  atMs: number;
  /** The redacted data, a private copy; left out when nothing was redacted (the appended event then parses `dataText`). */
  data?: JsonValue;
  /** Canonical JSON of `data`. */
  dataText: string;
  redacted: string[];
}

export interface CanonicalEventFields {
  seq: number;
  schemaVersion: number;
  type: string;
  traceId: string;
  callId?: string | null;
  at: string;
  /** Canonical JSON text of `data`. */
  dataText: string;
  /** Canonical JSON text of `redacted`. */
  redactedText: string;
}

/**
 * `canonicalJson({ seq, schemaVersion, type, traceId, callId, at, data, redacted })`, assembled from text the
 * store already holds so that verifying a million events does not re-serialise a million payloads. The member
 * order is canonicalJson's (UTF-16 code-unit order); a test holds the two equal.
 */
export function canonicalEventText(fields: CanonicalEventFields): string {
  const callId = fields.callId === null || fields.callId === undefined ? "" : `"callId":${JSON.stringify(fields.callId)},`;
  return (
    `{"at":${JSON.stringify(fields.at)},${callId}"data":${fields.dataText},"redacted":${fields.redactedText},` +
    `"schemaVersion":${JSON.stringify(fields.schemaVersion)},"seq":${JSON.stringify(fields.seq)},` +
    `"traceId":${JSON.stringify(fields.traceId)},"type":${JSON.stringify(fields.type)}}`
  );
}

/** `sha256(prevHash + "\n" + canonical event)`, hex. */
export function chainHash(prevHash: string, canonicalText: string): string {
  return sha256Hex(`${prevHash}\n${canonicalText}`);
}

/** Gives a prepared event its place after `prevHash` at `seq`. */
export function linkEvent(event: PreparedEvent, seq: number, prevHash: string): StoredEventRow {
  const redactedText = JSON.stringify(event.redacted);
  const hash = chainHash(
    prevHash,
    canonicalEventText({ seq, schemaVersion: auditSchemaVersion, type: event.type, traceId: event.traceId, callId: event.callId, at: event.at, dataText: event.dataText, redactedText }),
  );
  return {
    seq,
    schemaVersion: auditSchemaVersion,
    type: event.type,
    traceId: event.traceId,
    callId: event.callId ?? null,
    at: event.at,
    atMs: event.atMs,
    data: event.dataText,
    redacted: redactedText,
    prevHash,
    hash,
  };
}

/** Recomputes a stored row's hash from its fields and its own prevHash. Throws if `data` or `redacted` is not JSON. */
export function recomputeHash(row: StoredEventRow): string {
  return chainHash(
    row.prevHash,
    canonicalEventText({ seq: row.seq, schemaVersion: row.schemaVersion, type: row.type, traceId: row.traceId, callId: row.callId, at: row.at, dataText: row.data, redactedText: row.redacted }),
  );
}

/** The AuditEvent for a row just linked from `event`, without parsing back what was just serialised. */
export function linkedEvent(event: PreparedEvent, row: StoredEventRow): AuditEvent {
  const linked = { seq: row.seq, schemaVersion: row.schemaVersion, type: event.type, traceId: event.traceId, at: event.at } as AuditEvent;
  if (event.data !== undefined) {
    linked.data = event.data;
  } else {
    // Nothing was redacted, so the event carries no copy of its data: most appenders never read the events they get back
    // (the gateway does not), and the copy is parsed from the stored text on first read instead of on every append.
    Object.defineProperty(linked, storedText, { value: event.dataText });
    Object.defineProperty(linked, "data", lazyData);
  }
  linked.redacted = [...event.redacted];
  linked.prevHash = row.prevHash;
  linked.hash = row.hash;
  if (event.callId !== undefined) linked.callId = event.callId;
  return linked;
}

const storedText = Symbol("storedDataText");
const settleData = (target: object, value: unknown) => {
  // A caller may have frozen the event: it then keeps the accessor, and each read parses again.
  if (Object.isExtensible(target) && Object.getOwnPropertyDescriptor(target, "data")?.configurable) Object.defineProperty(target, "data", { value, enumerable: true, writable: true, configurable: true });
};
/** One accessor pair shared by every lazily parsed event (so they share their shape): an ordinary enumerable field to readers. */
const lazyData: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { [storedText]: string }) {
    const value = JSON.parse(this[storedText]) as JsonValue;
    settleData(this, value);
    return value;
  },
  set(this: object, value: unknown) {
    settleData(this, value);
  },
};

export function rowToEvent(row: StoredEventRow): AuditEvent {
  const event: AuditEvent = {
    seq: row.seq,
    schemaVersion: row.schemaVersion,
    type: row.type as AuditEventType,
    traceId: row.traceId,
    at: row.at,
    data: JSON.parse(row.data) as JsonValue,
    redacted: JSON.parse(row.redacted) as string[],
    prevHash: row.prevHash,
    hash: row.hash,
  };
  if (row.callId !== null) event.callId = row.callId;
  return event;
}
