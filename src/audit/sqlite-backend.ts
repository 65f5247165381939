// SQLite backend: one file, WAL with synchronous=FULL so an acknowledged batch survives kill -9 and power loss (NORMAL,
// kill -9 only, when the store is opened with durability "process-crash").
import type Database from "better-sqlite3";
import type { SqliteStore } from "../store/index.js";
import type { BatchPlan } from "./batch-plan.js";
import type { StoredEventRow } from "./chain.js";
import type { AuditBackend, AuditDurability, BatchBuilder } from "./chained-store.js";
import type { SignedHead } from "./checkpoint.js";
import { AuditConfigError } from "./errors.js";
import { auditTableLayout, auditTables, eventColumns, eventRowFrom, headColumns, headFrom } from "./sql-shape.js";
import type { AuditEventType, AuditQuery } from "./types.js";
import type { ChainSnapshot } from "./verify-chain.js";
import type { SqliteWriterThread } from "./sqlite-writer-thread.js";
import { startSqliteWriterThread } from "./sqlite-writer-thread.js";

const { events, head, meta } = auditTables;

/**
 * The store was opened by `openStore` (file mode, WAL and full sync are its business). Written to, it gets the tables and,
 * when new, `genesisHead`: the signed statement that the chain is empty. Opened read-only, it must already be an audit store.
 */
/**
 * `auto` (the default): commits move to a writer thread once the store has committed `writerThreadAfter` batches in this
 * process, so a short command never starts a thread and a busy one (the gateway) never waits on the disk. `always` moves
 * them from the first batch after the head is known, `never` keeps every commit on the calling thread.
 */
export type SqliteWriterMode = "auto" | "always" | "never";

export const writerThreadAfter = 16;

export function openSqliteBackend(store: SqliteStore, genesisHead: SignedHead | undefined, options: { writerThread?: SqliteWriterMode; durability?: AuditDurability } = {}): AuditBackend {
  const db = store.database;
  const memory = store.location.memory;
  if (store.readOnly) checkLayout(db, store.location.path);
  else initialise(db, genesisHead);
  // In WAL mode, NORMAL writes each commit to the WAL file (the OS holds it, so the process may die) and fsyncs only at
  // checkpoints; FULL (the store's default) fsyncs every commit.
  const synchronous = options.durability === "process-crash" ? "NORMAL" : "FULL";
  if (!store.readOnly && !memory) db.pragma(`synchronous = ${synchronous}`);

  const insert = db.prepare(
    `INSERT INTO ${events} (seq, schema_version, type, trace_id, call_id, at, at_ms, data, redacted, prev_hash, hash) VALUES (@seq, @schemaVersion, @type, @traceId, @callId, @at, @atMs, @data, @redacted, @prevHash, @hash)`,
  );
  const selectHead = db.prepare(`SELECT ${headColumns} FROM ${head} WHERE id = 1`);
  const upsertHead = db.prepare(
    `INSERT INTO ${head} (id, head_seq, head_hash, last_checkpoint_seq, signed_at, algorithm, key_id, signature) VALUES (1, @headSeq, @headHash, @lastCheckpointSeq, @signedAt, @algorithm, @keyId, @signature)
     ON CONFLICT (id) DO UPDATE SET head_seq = excluded.head_seq, head_hash = excluded.head_hash, last_checkpoint_seq = excluded.last_checkpoint_seq, signed_at = excluded.signed_at, algorithm = excluded.algorithm, key_id = excluded.key_id, signature = excluded.signature`,
  );
  const firstKeptSeq = db.prepare(`SELECT MIN(seq) AS seq FROM ${events} WHERE at_ms >= ?`);
  const countBelow = db.prepare(`SELECT COUNT(*) AS n FROM ${events} WHERE seq < ?`);
  const hashAt = db.prepare(`SELECT hash FROM ${events} WHERE seq = ?`);
  const deleteBelow = db.prepare(`DELETE FROM ${events} WHERE seq < ?`);

  const write = db.transaction((pruneBeforeMs: number | undefined, build: BatchBuilder): BatchPlan => {
    const current = headFrom(selectHead.get() as Record<string, unknown> | undefined);
    let cut;
    if (pruneBeforeMs !== undefined) {
      const kept = (firstKeptSeq.get(pruneBeforeMs) as { seq: number | null }).seq;
      const cutSeq = kept ?? (current?.headSeq ?? 0) + 1;
      const removed = (countBelow.get(cutSeq) as { n: number }).n;
      cut = { cutSeq, removed, lastRemovedHash: (hashAt.get(cutSeq - 1) as { hash: string } | undefined)?.hash };
    }
    const plan = build(current, cut);
    for (const row of plan.rows) insert.run(row);
    if (plan.deleteBelow !== undefined) deleteBelow.run(plan.deleteBelow);
    upsertHead.run(plan.head);
    return plan;
  });

  // The writer thread, once started: this process's commits go there while the head is the one it last wrote.
  const writerMode = memory || store.readOnly ? "never" : (options.writerThread ?? "auto");
  let writer: SqliteWriterThread | undefined;
  let writerStarting: Promise<void> | undefined;
  let knownHead: SignedHead | undefined;
  let inThreadCommits = 0;
  const startWriter = (): Promise<void> =>
    (writerStarting ??= startSqliteWriterThread(
      store.location.path,
      { insert: insert.source, selectHead: selectHead.source, upsertHead: upsertHead.source },
      Number(db.pragma("busy_timeout", { simple: true })),
      synchronous,
    ).then(
      (started) => {
        writer = started;
      },
      // Without a thread the store still works, on the calling thread as before.
      () => undefined,
    ));
  const writeInThread = (pruneBeforeMs: number | undefined, build: BatchBuilder): BatchPlan => {
    const plan = write.immediate(pruneBeforeMs, build);
    knownHead = plan.head;
    if (writerMode === "auto" && ++inThreadCommits === writerThreadAfter) void startWriter();
    return plan;
  };
  // Commits in the thread are pipelined: the next batch is planned from the head the batch before it will leave and
  // sent while that one commits, so the thread goes from one transaction to the next without waiting for the event
  // loop in between (the hand-off both ways was about 40% of a durable commit's round trip under load). Once another
  // process is seen writing this file, it is one commit at a time again: a moved head fails every batch planned on it.
  let sentHead: SignedHead | undefined;
  let pipelined = true;
  // Planned from the head this process expects; when another process moved it meanwhile, planned again from the stored one.
  const writeThreaded = async (thread: SqliteWriterThread, build: BatchBuilder): Promise<BatchPlan> => {
    for (let head: SignedHead | undefined = sentHead ?? knownHead; ; ) {
      const plan = build(head, undefined);
      sentHead = plan.head;
      const outcome = await thread.commit(head!, plan.rows, plan.head).catch((error: unknown) => {
        // Nothing was written: the next batch is planned from the stored head again, not from this one.
        if (sentHead === plan.head) sentHead = undefined;
        throw error;
      });
      if (outcome.ok) {
        knownHead = plan.head;
        if (sentHead === plan.head) sentHead = undefined;
        return plan;
      }
      pipelined = false;
      head = headFrom(outcome.head);
    }
  };
  const writeBatch = async (pruneBeforeMs: number | undefined, build: BatchBuilder): Promise<BatchPlan> => {
    if (writerMode === "always" && writer === undefined && knownHead !== undefined) await startWriter();
    // A prune reads the prefix it cuts under the lock, so it (and the first batch, which learns the head) stays here.
    if (writer !== undefined && pruneBeforeMs === undefined && knownHead !== undefined) return writeThreaded(writer, build);
    return writeInThread(pruneBeforeMs, build);
  };

  const readRows = (connection: Database.Database, query: AuditQuery): StoredEventRow[] => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.traceId !== undefined) {
      where.push("trace_id = ?");
      params.push(query.traceId);
    }
    if (query.types !== undefined) {
      if (query.types.length === 0) return [];
      where.push(`type IN (${query.types.map(() => "?").join(", ")})`);
      params.push(...query.types);
    }
    if (query.fromSeq !== undefined) {
      where.push("seq >= ?");
      params.push(query.fromSeq);
    }
    const sql = `SELECT ${eventColumns} FROM ${events}${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY seq${query.limit !== undefined ? " LIMIT ?" : ""}`;
    if (query.limit !== undefined) params.push(query.limit);
    return (connection.prepare(sql).all(...params) as Array<Record<string, unknown>>).map(eventRowFrom);
  };

  return {
    url: store.displayUrl,
    writeBatch: (pruneBeforeMs, build) => (writerMode === "never" ? writeInThread(pruneBeforeMs, build) : writeBatch(pruneBeforeMs, build)),
    commitsInFlight: () => (writer !== undefined && pipelined ? 2 : 1),
    readRows: async (query) => readRows(db, query),
    async recentTraceIds(limit, sinceMs) {
      const rows = db
        .prepare(`SELECT trace_id AS traceId FROM ${events} WHERE type = 'run.started'${sinceMs === undefined ? "" : " AND at_ms >= ?"} ORDER BY seq DESC LIMIT ?`)
        .all(...(sinceMs === undefined ? [limit] : [sinceMs, limit])) as Array<{ traceId: string }>;
      return [...new Set(rows.map((row) => row.traceId))];
    },
    async rowsOfTraces(traceIds: string[], types: readonly AuditEventType[]) {
      return (db.prepare(rowsOfTracesSql(events, traceIds.length, types.length)).all(...traceIds, ...types) as Array<Record<string, unknown>>).map(eventRowFrom);
    },
    readHead: async () => headFrom(selectHead.get() as Record<string, unknown> | undefined),
    async withSnapshot<T>(batchSize: number, use: (snapshot: ChainSnapshot) => Promise<T>): Promise<T> {
      // A second, read-only connection holds one WAL snapshot for the whole walk, so appends made meanwhile are
      // neither seen half-way nor blocked. An in-memory database has no second connection: it is walked in one go.
      const reader = await store.openReader();
      const yieldBetweenBatches = !memory;
      try {
        if (!memory) reader.exec("BEGIN");
        const headRow = headFrom(reader.prepare(`SELECT ${headColumns} FROM ${head} WHERE id = 1`).get() as Record<string, unknown> | undefined);
        const retention = reader.prepare(`SELECT ${eventColumns} FROM ${events} WHERE type = 'retention.pruned' ORDER BY seq DESC LIMIT 1`).get() as Record<string, unknown> | undefined;
        const page = reader.prepare(`SELECT ${eventColumns} FROM ${events} WHERE seq > ? ORDER BY seq LIMIT ?`);
        async function* batches(): AsyncGenerator<StoredEventRow[]> {
          let after = Number.MIN_SAFE_INTEGER;
          for (;;) {
            const rows = (page.all(after, batchSize) as Array<Record<string, unknown>>).map(eventRowFrom);
            if (rows.length === 0) return;
            yield rows;
            after = rows[rows.length - 1]!.seq;
            if (yieldBetweenBatches) await new Promise((resolve) => setImmediate(resolve));
          }
        }
        return await use({ head: headRow, latestRetention: retention === undefined ? undefined : eventRowFrom(retention), batches: batches() });
      } finally {
        if (!memory) {
          if (reader.inTransaction) reader.exec("COMMIT");
          reader.close();
        }
      }
    },
    async close() {
      await writerStarting;
      await writer?.close();
      db.close();
    },
  };
}

/** Reading must find an audit store there (not just any SQLite file) in a layout this toolgate understands. */
function checkLayout(db: Database.Database, path: string): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(meta) !== undefined;
  if (!hasMeta) throw new AuditConfigError(`there is no audit store at ${path}`, "check the sqlite:<path>, or record a run first");
  const layout = Number((db.prepare(`SELECT value FROM ${meta} WHERE key = 'layout'`).get() as { value: string } | undefined)?.value ?? 0);
  if (layout > auditTableLayout) {
    throw new AuditConfigError(`the audit store uses table layout ${layout}, newer than this toolgate understands (${auditTableLayout})`, "upgrade toolgate to read it");
  }
}

function initialise(db: Database.Database, genesisHead: SignedHead | undefined): void {
  db.transaction(() => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS ${events} (
        seq INTEGER PRIMARY KEY,
        schema_version INTEGER NOT NULL,
        type TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        call_id TEXT,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        data TEXT NOT NULL,
        redacted TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${events}_trace ON ${events} (trace_id, seq);
      CREATE INDEX IF NOT EXISTS ${events}_type ON ${events} (type, seq);
      CREATE TABLE IF NOT EXISTS ${head} (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        head_seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        last_checkpoint_seq INTEGER NOT NULL,
        signed_at TEXT NOT NULL,
        algorithm TEXT NOT NULL,
        key_id TEXT NOT NULL,
        signature TEXT NOT NULL
      );
    `);
    db.prepare(`INSERT OR IGNORE INTO ${meta} (key, value) VALUES ('layout', ?)`).run(String(auditTableLayout));
    const layout = Number((db.prepare(`SELECT value FROM ${meta} WHERE key = 'layout'`).get() as { value: string }).value);
    if (layout > auditTableLayout) {
      throw new AuditConfigError(`the audit store uses table layout ${layout}, newer than this toolgate understands (${auditTableLayout})`, "upgrade toolgate to read it");
    }
    const hasHead = db.prepare(`SELECT 1 FROM ${head} WHERE id = 1`).get() !== undefined;
    const hasEvents = db.prepare(`SELECT 1 FROM ${events} LIMIT 1`).get() !== undefined;
    // Only a store that has never held an event gets a genesis head; anywhere else a missing head is evidence.
    if (!hasHead && !hasEvents && genesisHead !== undefined) {
      db.prepare(
        `INSERT INTO ${head} (id, head_seq, head_hash, last_checkpoint_seq, signed_at, algorithm, key_id, signature) VALUES (1, @headSeq, @headHash, @lastCheckpointSeq, @signedAt, @algorithm, @keyId, @signature)`,
      ).run(genesisHead);
    }
  }).immediate();
}

/**
 * The events of a page of traces. `+type` keeps SQLite from answering through the (type, seq) index: without ANALYZE
 * statistics the planner prefers it for the ORDER BY and then walks every event of those types in the store (seconds
 * at 100k runs); the (trace_id, seq) index reads only the page's traces.
 */
export function rowsOfTracesSql(events: string, traceCount: number, typeCount: number): string {
  const list = (count: number) => Array.from({ length: count }, () => "?").join(", ");
  return `SELECT ${eventColumns} FROM ${events} WHERE trace_id IN (${list(traceCount)}) AND +type IN (${list(typeCount)}) ORDER BY seq`;
}
