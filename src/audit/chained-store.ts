// The AuditStore both backends share: validation and redaction, group commit, checkpoints, queries and verify over a small backend interface.
import type { BatchEntry, BatchPlan, ChainHeadState, EntryResult, PruneCut } from "./batch-plan.js";
import { planBatch } from "./batch-plan.js";
import type { StoredEventRow } from "./chain.js";
import { rowToEvent } from "./chain.js";
import type { SignedHead } from "./checkpoint.js";
import { signedHeadProblem } from "./checkpoint.js";
import { AuditConfigError, AuditError, AuditInputError, AuditStoreClosedError } from "./errors.js";
import { parseAuditTime, prepareAuditEvent } from "./event-input.js";
import type { GroupCommitStats } from "./group-commit.js";
import { createGroupCommitter } from "./group-commit.js";
import type { RedactionConfig } from "./redaction.js";
import type { AuditSigner, AuditVerifier } from "./signer.js";
import { saltedRedactionDigest } from "./signer.js";
import { summariseTraces, traceSummaryTypes } from "./trace-summary.js";
import type { AuditEvent, AuditEventInput, AuditEventType, AuditQuery, AuditStore, TraceSummary, VerifyReport } from "./types.js";
import type { ChainSnapshot } from "./verify-chain.js";
import { verifyChain } from "./verify-chain.js";

export interface AuditStoreOptions {
  /** Signs checkpoints and the head record. Without one the store is read-only: read and list, and verify with a verifier. */
  signer?: AuditSigner;
  /** Keys trusted when verifying; the signer's own key by default. Give old keys here after a rotation. */
  verifier?: AuditVerifier;
  /** For checkpoint and head timestamps; `() => new Date()` by default. */
  clock?: () => Date;
  /** A signed checkpoint follows every this many events (default 1000). */
  checkpointEvery?: number;
  /** JSON pointers to redact in every event of a type, on top of each input's own `redact`. */
  redaction?: RedactionConfig;
  /** Digest redacted values under this salt instead of a key derived from the signer (so digests survive a key rotation). */
  redactionSalt?: string;
  /** Events per verification batch (default 1000). */
  verifyBatchSize?: number;
  /** Most events one transaction carries (default 2000). */
  maxBatchEvents?: number;
  /** Base for relative sqlite paths; the process's working directory by default. */
  cwd?: string;
  /** Open without writing anything, even with a signer (reading commands); default: read-only exactly when there is no signer. */
  readOnly?: boolean;
  /**
   * SQLite files: where commits (and their fsync) run. `auto` (default) moves them to a writer thread once the store is
   * busy (16 batches in this process), `always` from the second batch, `never` keeps them on the calling thread.
   */
  writerThread?: "auto" | "always" | "never";
  /**
   * What an acknowledged append survives. `power-loss` (default): the commit is flushed to disk (fsync) before `append`
   * resolves, so it survives kill -9, an OS crash and power loss. `process-crash`: the commit is handed to the operating
   * system before `append` resolves (SQLite WAL with synchronous=NORMAL; PostgreSQL synchronous_commit=off), so it
   * survives the writing process being killed (kill -9 included) but the last acknowledged commits may be lost when the
   * machine (SQLite) or the database server (PostgreSQL) crashes or loses power. Either way the store stays consistent:
   * a lost tail is lost whole, and the chain up to the surviving head verifies.
   */
  durability?: AuditDurability;
}

export type AuditDurability = "power-loss" | "process-crash";

/** An open store: the AuditStore contract plus what operators need around it. */
export interface ChainedAuditStore extends AuditStore {
  /** Transactions and appends so far: group commit shows as fewer transactions than appends. */
  readonly stats: Readonly<GroupCommitStats>;
  /** The signed head record, to copy somewhere the store's own operators cannot rewrite (see truncation notes). */
  head(): Promise<SignedHead | undefined>;
}

/**
 * Plans one batch from what the backend read under its write lock: the head record, and for a prune the prefix
 * it would remove. Synchronous, so a synchronous driver can run the whole transaction without yielding.
 */
export type BatchBuilder = (head: SignedHead | undefined, cut: PruneCut | undefined) => BatchPlan;

/** The storage-specific part: SQL and transactions. Everything chain-related lives above it. */
export interface AuditBackend {
  readonly url: string;
  /**
   * In one transaction holding the store's write lock: reads the head record (and, when `pruneBeforeMs` is given,
   * the prefix of events older than it), lets `build` plan, persists the plan, commits.
   */
  writeBatch(pruneBeforeMs: number | undefined, build: BatchBuilder): Promise<BatchPlan> | BatchPlan;
  /**
   * How many batches may be committing at once (1 when absent). Above 1, `writeBatch` is called again before the last
   * call settled: it must plan the new batch from the head the earlier ones leave, and commit in call order.
   */
  commitsInFlight?(): number;
  readRows(query: AuditQuery): Promise<StoredEventRow[]>;
  /** Trace ids with a run.started at or after `sinceMs`, newest first. */
  recentTraceIds(limit: number, sinceMs: number | undefined): Promise<string[]>;
  rowsOfTraces(traceIds: string[], types: readonly AuditEventType[]): Promise<StoredEventRow[]>;
  readHead(): Promise<SignedHead | undefined>;
  /** Runs `use` over one consistent snapshot of the head record and the events. */
  withSnapshot<T>(batchSize: number, use: (snapshot: ChainSnapshot) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type StoreEntry = { kind: "append"; events: ReturnType<typeof prepareAuditEvent>[] } | { kind: "checkpoint" } | { kind: "prune"; before: string; beforeMs: number };

export function createChainedStore(backend: AuditBackend, options: AuditStoreOptions): ChainedAuditStore {
  const signer = options.signer;
  const verifier = options.verifier ?? signer?.verifier;
  const clock = options.clock ?? (() => new Date());
  const checkpointEvery = options.checkpointEvery ?? 1000;
  if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery < 1) throw new AuditConfigError(`checkpointEvery ${checkpointEvery} is not a positive integer`, "use e.g. 1000");
  const redactionDigest = options.redactionSalt !== undefined ? saltedRedactionDigest(options.redactionSalt) : signer?.redactionDigest;
  const verifyBatchSize = options.verifyBatchSize ?? 1000;
  // The head this process signed last: when the stored one is byte-identical, re-verifying its signature is wasted work.
  let lastWrittenHead: SignedHead | undefined;
  // The head of the batch planned last: a backend that pipelines commits plans the next batch on it before it is written.
  let lastPlannedHead: SignedHead | undefined;
  let closed = false;
  let closing = false;

  const trustedHeadState = (head: SignedHead | undefined): ChainHeadState => {
    if (head === undefined) {
      throw new AuditError("config", `the signed head record of ${backend.url} is missing, so the chain's end is unknown`, "run `toolgate audit verify` and restore the head record from a backup before writing again");
    }
    if (head !== lastWrittenHead && head !== lastPlannedHead && !sameHead(head, lastWrittenHead)) {
      // Writing on top of a forged head would sign over whatever the forger left: refuse instead.
      const problem = signedHeadProblem(head, verifier!);
      if (problem !== undefined) throw new AuditError("config", `refusing to append to ${backend.url}: ${problem}`, "run `toolgate audit verify`; after a key rotation pass the old key in { verifier }");
    }
    return { seq: head.headSeq, hash: head.headHash, lastCheckpointSeq: head.lastCheckpointSeq };
  };

  const committer = createGroupCommitter<StoreEntry, EntryResult>({
    isolated: (entry) => entry.kind === "prune",
    weight: (entry) => (entry.kind === "append" ? entry.events.length : 1),
    maxBatchWeight: options.maxBatchEvents ?? 2000,
    ...(backend.commitsInFlight ? { maxInFlight: () => backend.commitsInFlight!() } : {}),
    commit: async (entries) => {
      // A prune is isolated by the committer, so a batch holds at most one.
      const prune = entries.find((entry): entry is Extract<StoreEntry, { kind: "prune" }> => entry.kind === "prune");
      const plan = await backend.writeBatch(prune?.beforeMs, (head, cut) => {
        const start = trustedHeadState(head);
        const planned = entries.map((entry): BatchEntry => (entry.kind === "prune" ? { kind: "prune", before: entry.before, cut: cut! } : entry));
        const plan = planBatch(start, planned, { signer: signer!, now: clock(), checkpointEvery });
        lastPlannedHead = plan.head;
        return plan;
      });
      lastWrittenHead = plan.head;
      return plan.results;
    },
  });

  const open = () => {
    if (closed || closing) throw new AuditStoreClosedError(backend.url);
  };
  const writable = (what: string) => {
    open();
    if (signer === undefined || redactionDigest === undefined) {
      throw new AuditConfigError(`cannot ${what}: ${backend.url} was opened without a signer`, "pass { signer: createAuditSigner(…) } (or resolveAuditKey for the CLI) to openAuditStore");
    }
  };

  const store: ChainedAuditStore = {
    url: backend.url,
    get stats() {
      return committer.stats;
    },

    async append(inputs: AuditEventInput[]): Promise<AuditEvent[]> {
      writable("append");
      if (!Array.isArray(inputs)) throw new AuditInputError("append takes an array of events", "wrap a single event: append([event])");
      if (inputs.length === 0) return [];
      const events = inputs.map((input, index) => prepareAuditEvent(input, `events[${index}]`, { redactionDigest: redactionDigest!, redaction: options.redaction }));
      const result = await committer.submit({ kind: "append", events });
      return result.kind === "append" ? result.events : [];
    },

    async read(query: AuditQuery = {}): Promise<AuditEvent[]> {
      open();
      checkQuery(query);
      return (await backend.readRows(query)).map(rowToEvent);
    },

    async listTraces(listOptions: { limit?: number; since?: string } = {}): Promise<TraceSummary[]> {
      open();
      const limit = listOptions.limit ?? 100;
      if (!Number.isSafeInteger(limit) || limit < 1) throw new AuditInputError(`limit ${limit} is not a positive integer`, "pass e.g. { limit: 50 }", "limit");
      let sinceMs: number | undefined;
      if (listOptions.since !== undefined) {
        sinceMs = parseAuditTime(listOptions.since);
        if (sinceMs === undefined) throw new AuditInputError(`${JSON.stringify(listOptions.since)} is not an ISO-8601 time with a zone`, "pass e.g. new Date(Date.now() - 86_400_000).toISOString()", "since");
      }
      const traceIds = await backend.recentTraceIds(limit, sinceMs);
      if (traceIds.length === 0) return [];
      const rows = await backend.rowsOfTraces(traceIds, traceSummaryTypes);
      return summariseTraces(traceIds, rows.map(rowToEvent));
    },

    async verify(): Promise<VerifyReport> {
      open();
      if (verifier === undefined) {
        throw new AuditConfigError(`cannot verify ${backend.url} without a key`, "open it with { verifier: createAuditVerifier(…) } (an Ed25519 public key or the HMAC secret) or with its signer");
      }
      return backend.withSnapshot(verifyBatchSize, (snapshot) => verifyChain(snapshot, verifier));
    },

    async checkpoint(): Promise<AuditEvent> {
      writable("write a checkpoint");
      const result = await committer.submit({ kind: "checkpoint" });
      if (result.kind !== "checkpoint") throw new Error("checkpoint entry produced no checkpoint");
      return result.event;
    },

    async prune({ before }: { before: string }): Promise<{ removed: number }> {
      writable("prune");
      const beforeMs = parseAuditTime(before);
      if (beforeMs === undefined) throw new AuditInputError(`${JSON.stringify(before)} is not an ISO-8601 time with a zone`, "pass e.g. { before: new Date(Date.now() - 90 * 86_400_000).toISOString() }", "before");
      const result = await committer.submit({ kind: "prune", before, beforeMs });
      return { removed: result.kind === "prune" ? result.removed : 0 };
    },

    async head() {
      open();
      return backend.readHead();
    },

    async close(): Promise<void> {
      if (closed) return;
      // From here on new calls fail fast; what was already queued still commits before the final checkpoint.
      closing = true;
      try {
        await committer.drain();
        // A store opened to read (verify, show) writes nothing, not even at close: another process may be appending
        // to it right now, and its head being past the last checkpoint is that writer's business.
        if (signer !== undefined && options.readOnly !== true) {
          // A checkpoint at close, unless the head already is one: reopening and closing an idle store adds nothing.
          const head = await backend.readHead();
          if (head !== undefined && head.headSeq > head.lastCheckpointSeq) await committer.submit({ kind: "checkpoint" });
        }
      } finally {
        closed = true;
        await backend.close();
      }
    },
  };
  return store;
}

function sameHead(a: SignedHead, b: SignedHead | undefined): boolean {
  return b !== undefined && a.headSeq === b.headSeq && a.headHash === b.headHash && a.signature === b.signature && a.keyId === b.keyId && a.lastCheckpointSeq === b.lastCheckpointSeq && a.signedAt === b.signedAt && a.algorithm === b.algorithm;
}

function checkQuery(query: AuditQuery): void {
  if (query.limit !== undefined && (!Number.isSafeInteger(query.limit) || query.limit < 0)) throw new AuditInputError(`limit ${query.limit} is not a non-negative integer`, "pass e.g. { limit: 100 }", "limit");
  if (query.fromSeq !== undefined && !Number.isSafeInteger(query.fromSeq)) throw new AuditInputError(`fromSeq ${query.fromSeq} is not an integer`, "pass the seq to start from, e.g. { fromSeq: 1 }", "fromSeq");
  if (query.types !== undefined && !Array.isArray(query.types)) throw new AuditInputError("types must be an array", 'pass e.g. { types: ["call.executed"] }', "types");
}
