// One transaction's worth of writes, planned from the head it starts at: links, automatic checkpoints, retention cuts, the new signed head.
import { canonicalJson, type JsonObject } from "../record/index.js";
import type { PreparedEvent, StoredEventRow } from "./chain.js";
import { linkEvent, linkedEvent, rowToEvent } from "./chain.js";
import type { SignedHead } from "./checkpoint.js";
import { signCheckpoint, signHead, storeTraceId } from "./checkpoint.js";
import type { AuditSigner } from "./signer.js";
import type { AuditEvent } from "./types.js";
import type { RetentionData } from "./verify-chain.js";

/** The head as read under the store's write lock. */
export interface ChainHeadState {
  seq: number;
  hash: string;
  lastCheckpointSeq: number;
}

/** Which prefix a prune removes, looked up by the store under the same lock: events with seq < cutSeq. */
export interface PruneCut {
  cutSeq: number;
  removed: number;
  /** Hash of event cutSeq − 1 (undefined when nothing is removed). */
  lastRemovedHash: string | undefined;
}

export type BatchEntry =
  | { kind: "append"; events: PreparedEvent[] }
  | { kind: "checkpoint" }
  | { kind: "prune"; before: string; cut: PruneCut };

export type EntryResult = { kind: "append"; events: AuditEvent[] } | { kind: "checkpoint"; event: AuditEvent } | { kind: "prune"; removed: number };

export interface BatchPlan {
  rows: StoredEventRow[];
  /** Delete every event with seq below this, after inserting `rows`. */
  deleteBelow?: number;
  head: SignedHead;
  results: EntryResult[];
}

export interface PlanOptions {
  signer: AuditSigner;
  /** When the batch is written: checkpoint and head signatures, and the `at` of store events. */
  now: Date;
  /** A checkpoint follows every this many events since the last one. */
  checkpointEvery: number;
}

export function planBatch(start: ChainHeadState, entries: BatchEntry[], options: PlanOptions): BatchPlan {
  const at = options.now.toISOString();
  const atMs = options.now.getTime();
  const rows: StoredEventRow[] = [];
  let seq = start.seq;
  let hash = start.hash;
  let lastCheckpointSeq = start.lastCheckpointSeq;
  let deleteBelow: number | undefined;

  const link = (event: PreparedEvent): StoredEventRow => {
    const row = linkEvent(event, ++seq, hash);
    hash = row.hash;
    rows.push(row);
    return row;
  };
  const storeEvent = (type: "checkpoint" | "retention.pruned", data: JsonObject): StoredEventRow =>
    link({ type, traceId: storeTraceId, at, atMs, data, dataText: canonicalJson(data), redacted: [] });
  const checkpoint = (): StoredEventRow => {
    const row = storeEvent("checkpoint", signCheckpoint(options.signer, { seq, hash }, at));
    lastCheckpointSeq = row.seq;
    return row;
  };

  const results = entries.map((entry): EntryResult => {
    switch (entry.kind) {
      case "append":
        return {
          kind: "append",
          events: entry.events.map((event) => {
            const appended = linkedEvent(event, link(event));
            if (seq - lastCheckpointSeq >= options.checkpointEvery) checkpoint();
            return appended;
          }),
        };
      case "checkpoint":
        return { kind: "checkpoint", event: rowToEvent(checkpoint()) };
      case "prune": {
        const { cut } = entry;
        if (cut.removed === 0 || cut.lastRemovedHash === undefined) return { kind: "prune", removed: 0 };
        // The checkpoint comes first and is never cut (cutSeq ≤ its seq), so what remains starts at or before a signed statement.
        const anchor = checkpoint();
        if (cut.cutSeq > anchor.seq) throw new RangeError(`a prune may not cut past its own checkpoint (cut ${cut.cutSeq}, checkpoint ${anchor.seq})`);
        const data: RetentionData = { removed: cut.removed, lastRemovedSeq: cut.cutSeq - 1, lastRemovedHash: cut.lastRemovedHash, before: entry.before, checkpointSeq: anchor.seq };
        storeEvent("retention.pruned", data);
        deleteBelow = Math.max(deleteBelow ?? 0, cut.cutSeq);
        return { kind: "prune", removed: cut.removed };
      }
    }
  });

  return { rows, ...(deleteBelow === undefined ? {} : { deleteBelow }), head: signHead(options.signer, { seq, hash, lastCheckpointSeq }, at), results };
}
