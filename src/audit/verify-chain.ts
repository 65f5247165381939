// Verification: walks the chain in seq order, batch by batch, and names the first broken link.
import type { JsonValue } from "../record/index.js";
import type { StoredEventRow } from "./chain.js";
import { genesisHash, recomputeHash } from "./chain.js";
import type { SignedHead } from "./checkpoint.js";
import { checkpointProblem, signedHeadProblem } from "./checkpoint.js";
import { auditEventTypes, parseAuditTime } from "./event-input.js";
import type { AuditVerifier } from "./signer.js";
import type { VerifyReport } from "./types.js";
import { auditSchemaVersion } from "./types.js";

type Problem = NonNullable<VerifyReport["firstProblem"]>;

/** Where the remaining chain must start: seq 1 after the genesis hash, or just after the last retention cut. */
export interface ChainAnchor {
  firstSeq: number;
  prevHash: string;
  /** Says where the anchor came from, for messages. */
  source: string;
}

/** The `data` of a `retention.pruned` event. */
export interface RetentionData {
  removed: number;
  lastRemovedSeq: number;
  lastRemovedHash: string;
  before: string;
  checkpointSeq: number;
  [key: string]: JsonValue;
}

/** What a store hands the walk: one consistent snapshot of its head record and its events. */
export interface ChainSnapshot {
  head: SignedHead | undefined;
  /** The newest `retention.pruned` event, if any: it says which prefix was removed on purpose. */
  latestRetention: StoredEventRow | undefined;
  /** Every event in ascending seq order, in batches. */
  batches: AsyncIterable<StoredEventRow[]> | Iterable<StoredEventRow[]>;
}

export async function verifyChain(snapshot: ChainSnapshot, verifier: AuditVerifier): Promise<VerifyReport> {
  const anchor = anchorFor(snapshot.latestRetention);
  if ("problem" in anchor) return { ok: false, eventsChecked: 0, checkpointsChecked: 0, firstProblem: anchor.problem };
  const walk = new ChainWalk(verifier, anchor, snapshot.head);
  for await (const batch of snapshot.batches) if (!walk.feed(batch)) break;
  return walk.finish();
}

export function anchorFor(retention: StoredEventRow | undefined): ChainAnchor | { problem: Problem } {
  if (retention === undefined) return { firstSeq: 1, prevHash: genesisHash, source: "the genesis hash" };
  let data: unknown;
  try {
    data = JSON.parse(retention.data);
  } catch {
    data = undefined;
  }
  const cut = data as Partial<RetentionData> | undefined;
  if (
    typeof cut !== "object" || cut === null ||
    typeof cut.lastRemovedSeq !== "number" || !Number.isSafeInteger(cut.lastRemovedSeq) || cut.lastRemovedSeq < 0 || cut.lastRemovedSeq >= retention.seq ||
    typeof cut.lastRemovedHash !== "string"
  ) {
    return { problem: { seq: retention.seq, kind: "schema", message: `retention.pruned event ${retention.seq} does not say which events it removed (lastRemovedSeq, lastRemovedHash)` } };
  }
  return { firstSeq: cut.lastRemovedSeq + 1, prevHash: cut.lastRemovedHash, source: `the retention cut recorded at seq ${retention.seq}` };
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
const range = (from: number, to: number) => (from === to ? `event ${from} is` : `events ${from}–${to} are`);

/** The walk itself, fed batch by batch so that a store never holds the whole chain in memory. */
class ChainWalk {
  private readonly trustedHead: SignedHead | undefined;
  private readonly headProblem: string | undefined;
  private last: StoredEventRow | undefined;
  private lastCheckpointSeq = 0;
  private problem: Problem | undefined;
  private eventsChecked = 0;
  private checkpointsChecked = 0;

  constructor(
    private readonly verifier: AuditVerifier,
    private readonly anchor: ChainAnchor,
    private readonly head: SignedHead | undefined,
  ) {
    this.headProblem = head === undefined ? undefined : signedHeadProblem(head, verifier);
    this.trustedHead = head !== undefined && this.headProblem === undefined ? head : undefined;
  }

  /** Checks the next rows; returns false once a problem is found (later rows cannot be judged past a broken link). */
  feed(rows: StoredEventRow[]): boolean {
    if (this.problem !== undefined) return false;
    let laterHashes: Map<string, number> | undefined;
    for (const row of rows) {
      const problem = this.check(row, () => (laterHashes ??= new Map(rows.map((later) => [later.hash, later.seq]))));
      if (problem !== undefined) {
        this.problem = problem;
        return false;
      }
      this.last = row;
      this.eventsChecked++;
    }
    return true;
  }

  finish(): VerifyReport {
    const report = (firstProblem?: Problem): VerifyReport => ({
      ok: firstProblem === undefined,
      eventsChecked: this.eventsChecked,
      checkpointsChecked: this.checkpointsChecked,
      ...(firstProblem === undefined ? {} : { firstProblem }),
    });
    if (this.problem !== undefined) return report(this.problem);
    const lastSeq = this.last?.seq ?? this.anchor.firstSeq - 1;
    if (this.head === undefined) {
      if (this.last === undefined && this.anchor.firstSeq === 1) return report();
      return report({ seq: lastSeq + 1, kind: "missing-tail", message: `the signed head record is missing, so events cut from the tail after seq ${lastSeq} cannot be ruled out — restore the head record from a backup and investigate who deleted it` });
    }
    const head = this.trustedHead;
    if (head === undefined) return report({ seq: this.head.headSeq, kind: "bad-checkpoint", message: `${this.headProblem}; the tail of the chain cannot be trusted` });
    if (head.headSeq > lastSeq) {
      return report({ seq: lastSeq + 1, kind: "missing-tail", message: `${range(lastSeq + 1, head.headSeq)} missing: the signed head record is at seq ${head.headSeq} but the chain ends at seq ${lastSeq} (the tail was cut)` });
    }
    if (head.lastCheckpointSeq !== this.lastCheckpointSeq) {
      return report({ seq: head.lastCheckpointSeq, kind: "bad-checkpoint", message: `the signed head record names seq ${head.lastCheckpointSeq} as the last checkpoint, but the chain's last checkpoint is at seq ${this.lastCheckpointSeq}` });
    }
    return report();
  }

  private check(row: StoredEventRow, laterHashes: () => Map<string, number>): Problem | undefined {
    const seq = row.seq;
    const first = this.last === undefined;
    const expectedSeq = first ? this.anchor.firstSeq : this.last!.seq + 1;
    const expectedPrev = first ? this.anchor.prevHash : this.last!.hash;
    if (seq > expectedSeq) {
      const what = first && this.anchor.firstSeq === 1 ? `the chain starts at seq ${seq} and no retention.pruned event accounts for the events before it` : `deleted or renumbered: the next event present is ${seq}`;
      return { seq: expectedSeq, kind: "gap", message: `${range(expectedSeq, seq - 1)} missing (${what})` };
    }
    if (seq < expectedSeq) {
      return { seq, kind: "broken-link", message: `event ${seq} lies before ${this.anchor.source}, which says events up to seq ${this.anchor.firstSeq - 1} were removed` };
    }
    if (row.schemaVersion !== auditSchemaVersion) {
      return { seq, kind: "schema", message: `event ${seq} has schema version ${row.schemaVersion}; this verifier knows version ${auditSchemaVersion} — upgrade toolgate, or the field was edited` };
    }
    if (row.prevHash !== expectedPrev) {
      const laterSeq = laterHashes().get(row.prevHash);
      if (laterSeq !== undefined && laterSeq > seq) {
        return { seq, kind: "reordered", message: `event ${seq} links to the event now at seq ${laterSeq}, which comes after it: rows were reordered` };
      }
      const previous = first ? `${this.anchor.source} (${short(expectedPrev)})` : `the hash of event ${seq - 1} (${short(expectedPrev)})`;
      return { seq, kind: "broken-link", message: `event ${seq}'s prevHash ${short(row.prevHash)} is not ${previous}: the event before it was altered, removed or inserted, or this link was edited` };
    }
    if (recomputeHash(row) !== row.hash) {
      return { seq, kind: "hash-mismatch", message: `event ${seq}'s stored hash does not match its contents: a field (type, traceId, callId, at, data, redacted or the hash itself) was edited` };
    }
    if (!auditEventTypes.includes(row.type as never)) return { seq, kind: "schema", message: `event ${seq} has unknown type ${JSON.stringify(row.type)}` };
    if (parseAuditTime(row.at) !== row.atMs) return { seq, kind: "schema", message: `event ${seq}'s time index (${row.atMs}) does not match its time ${row.at}: the index column was edited` };
    if (row.type === "checkpoint") {
      let data: JsonValue;
      try {
        data = JSON.parse(row.data) as JsonValue;
      } catch {
        return { seq, kind: "schema", message: `checkpoint ${seq}'s data is not JSON` };
      }
      const problem = checkpointProblem(data, { seq: seq - 1, hash: row.prevHash }, this.verifier);
      if (problem !== undefined) return { seq, kind: "bad-checkpoint", message: `checkpoint ${seq} does not verify: ${problem}` };
      this.checkpointsChecked++;
      this.lastCheckpointSeq = seq;
    }
    const head = this.trustedHead;
    if (head !== undefined) {
      if (seq > head.headSeq) {
        return { seq, kind: "broken-link", message: `event ${seq} lies beyond the signed head record (seq ${head.headSeq}): it was added without the signing key` };
      }
      if (seq === head.headSeq && row.hash !== head.headHash) {
        // Nothing before the last good checkpoint can have been rewritten: its signature covers it.
        const from = Math.min(seq, Math.max(this.lastCheckpointSeq + 1, this.anchor.firstSeq));
        return { seq: from, kind: "hash-mismatch", message: `events ${from}–${seq} were rewritten: the hash at seq ${seq} (${short(row.hash)}) is not the one in the signed head record (${short(head.headHash)})` };
      }
    }
    return undefined;
  }
}
