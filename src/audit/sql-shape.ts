// The tables both backends keep, by name, and how their rows map to the chain's types.
import type { StoredEventRow } from "./chain.js";
import type { SignedHead } from "./checkpoint.js";

/** Bumped when the tables change shape; a store written by a newer layout refuses to open rather than misread. */
export const auditTableLayout = 1;

export const auditTables = {
  events: "toolgate_audit_events",
  head: "toolgate_audit_head",
  meta: "toolgate_audit_meta",
} as const;

/** Columns in StoredEventRow order, aliased to its member names (quoted: PostgreSQL folds unquoted names to lower case). */
export const eventColumns = `seq, schema_version AS "schemaVersion", type, trace_id AS "traceId", call_id AS "callId", at, at_ms AS "atMs", data, redacted, prev_hash AS "prevHash", hash`;
export const headColumns = `head_seq AS "headSeq", head_hash AS "headHash", last_checkpoint_seq AS "lastCheckpointSeq", signed_at AS "signedAt", algorithm, key_id AS "keyId", signature`;

/** Drivers hand back BIGINT as a string (pg) or number (better-sqlite3); the chain wants numbers. */
export function eventRowFrom(raw: Record<string, unknown>): StoredEventRow {
  return {
    seq: Number(raw.seq),
    schemaVersion: Number(raw.schemaVersion),
    type: String(raw.type),
    traceId: String(raw.traceId),
    callId: raw.callId === null || raw.callId === undefined ? null : String(raw.callId),
    at: String(raw.at),
    atMs: Number(raw.atMs),
    data: String(raw.data),
    redacted: String(raw.redacted),
    prevHash: String(raw.prevHash),
    hash: String(raw.hash),
  };
}

export function headFrom(raw: Record<string, unknown> | undefined): SignedHead | undefined {
  if (raw === undefined) return undefined;
  return {
    headSeq: Number(raw.headSeq),
    headHash: String(raw.headHash),
    lastCheckpointSeq: Number(raw.lastCheckpointSeq),
    signedAt: String(raw.signedAt),
    algorithm: String(raw.algorithm),
    keyId: String(raw.keyId),
    signature: String(raw.signature),
  };
}
