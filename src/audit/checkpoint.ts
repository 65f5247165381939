// Signed statements over the chain head: checkpoint events inside the chain, and the head record each store keeps beside it.
//
// Why two. A hash chain alone proves that nothing *inside* it changed, but not that it was not shortened: cut the
// last k events and what remains is a perfectly valid chain. So every write transaction also rewrites one signed
// head record (seq, hash, last checkpoint) in the same commit; verify compares the chain's end with it, so a cut
// tail, or an event appended without the key, shows up at the exact seq. Checkpoint events, every N events and at
// close, are signed statements inside the chain: a forger who recomputes every hash after an edit (which needs no
// key) is stopped at the first checkpoint after the edit, and if the head record is lost, the chain up to the last
// checkpoint is still vouched for. Writers check the head record's signature before building on it, so a forged
// head is never countersigned by a later honest write.
//
// Residual risk: rollback. Someone who kept an older copy of the head record (a backup, a snapshot, or reading the
// row earlier) can delete every event after it and put that copy back. Everything left is genuinely signed, so
// nothing on the box can tell — the store only knows its own latest state. Checkpoint and head signatures use
// different domains, so checkpoints still in the table cannot serve as such a copy; the copy must have been taken
// earlier. The defence is outside the store: publish signed heads (`store.head()`, or the checkpoints in an export)
// somewhere the database's operators cannot rewrite — another system's log, object storage with retention
// lock — and compare the store's head against the newest published one. An attacker holding the signing key is
// out of scope for any local check (see audit-key.ts).
import { canonicalJson, type JsonValue } from "../record/index.js";
import type { AuditSigner, AuditVerifier } from "./signer.js";

/** The traceId of events the store writes itself (checkpoints, retention cuts). */
export const storeTraceId = "toolgate:audit-store";

/** The `data` of a `checkpoint` event: a signature over the head as it stood just before the checkpoint. */
export interface CheckpointData {
  headSeq: number;
  headHash: string;
  signedAt: string;
  algorithm: string;
  keyId: string;
  signature: string;
  [key: string]: JsonValue;
}

/**
 * The signed head record: the newest (seq, hash) of the chain, rewritten in the same transaction as every batch.
 * Deleting events from the tail, or appending any without the key, no longer matches it. It also names the last
 * checkpoint, so a cut that removes that checkpoint is caught even where no head hash could be compared.
 */
export interface SignedHead {
  headSeq: number;
  headHash: string;
  lastCheckpointSeq: number;
  signedAt: string;
  algorithm: string;
  keyId: string;
  signature: string;
}

// Different prefixes, so a checkpoint's signature can never be replayed as a head record: rolling the head back
// then needs a head record captured earlier, not just any checkpoint that is still in the table.
const checkpointDomain = "toolgate-audit-checkpoint-v1";
const headDomain = "toolgate-audit-head-v1";

export function checkpointStatement(data: Omit<CheckpointData, "signature">): string {
  return `${checkpointDomain}\n${canonicalJson({ headSeq: data.headSeq, headHash: data.headHash, signedAt: data.signedAt, algorithm: data.algorithm, keyId: data.keyId })}`;
}

export function headStatement(head: Omit<SignedHead, "signature">): string {
  return `${headDomain}\n${canonicalJson({ headSeq: head.headSeq, headHash: head.headHash, lastCheckpointSeq: head.lastCheckpointSeq, signedAt: head.signedAt, algorithm: head.algorithm, keyId: head.keyId })}`;
}

export function signCheckpoint(signer: AuditSigner, head: { seq: number; hash: string }, signedAt: string): CheckpointData {
  const unsigned = { headSeq: head.seq, headHash: head.hash, signedAt, algorithm: signer.algorithm, keyId: signer.keyId };
  return { ...unsigned, signature: signer.sign(checkpointStatement(unsigned)) };
}

export function signHead(signer: AuditSigner, head: { seq: number; hash: string; lastCheckpointSeq: number }, signedAt: string): SignedHead {
  const unsigned = { headSeq: head.seq, headHash: head.hash, lastCheckpointSeq: head.lastCheckpointSeq, signedAt, algorithm: signer.algorithm, keyId: signer.keyId };
  return { ...unsigned, signature: signer.sign(headStatement(unsigned)) };
}

/** Why a checkpoint event's data does not vouch for the head before it, or undefined when it does. */
export function checkpointProblem(data: JsonValue, expected: { seq: number; hash: string }, verifier: AuditVerifier): string | undefined {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return "its data is not a checkpoint object";
  const { headSeq, headHash, signedAt, algorithm, keyId, signature } = data;
  if (typeof headSeq !== "number" || typeof headHash !== "string" || typeof signedAt !== "string" || typeof algorithm !== "string" || typeof keyId !== "string" || typeof signature !== "string") {
    return "its data lacks headSeq, headHash, signedAt, algorithm, keyId or signature";
  }
  if (headSeq !== expected.seq || headHash !== expected.hash) {
    return `it vouches for seq ${headSeq} (${headHash.slice(0, 12)}…) but follows seq ${expected.seq} (${expected.hash.slice(0, 12)}…)`;
  }
  if (!verifier.keyIds.includes(keyId)) return `it is signed by ${keyId}, which is not a trusted key (trusted: ${verifier.keyIds.join(", ")})`;
  if (!verifier.verify(checkpointStatement({ headSeq, headHash, signedAt, algorithm, keyId }), signature, keyId, algorithm)) {
    return `its ${algorithm} signature by ${keyId} does not verify`;
  }
  return undefined;
}

/** Why a head record cannot be trusted, or undefined when its signature verifies. */
export function signedHeadProblem(head: SignedHead, verifier: AuditVerifier): string | undefined {
  if (!verifier.keyIds.includes(head.keyId)) return `the head record is signed by ${head.keyId}, which is not a trusted key (trusted: ${verifier.keyIds.join(", ")})`;
  if (!verifier.verify(headStatement(head), head.signature, head.keyId, head.algorithm)) return `the head record's ${head.algorithm} signature by ${head.keyId} does not verify`;
  return undefined;
}
