// PostgreSQL backend: many processes append to one chain, serialised by a row lock on the head record.
import type pg from "pg";
import { inTransaction, quoteIdentifier } from "../store/index.js";
import type { PostgresStore } from "../store/index.js";
import type { BatchPlan, PruneCut } from "./batch-plan.js";
import type { StoredEventRow } from "./chain.js";
import type { AuditBackend, AuditDurability, BatchBuilder } from "./chained-store.js";
import type { SignedHead } from "./checkpoint.js";
import { AuditConfigError } from "./errors.js";
import { auditTableLayout, auditTables, eventColumns, eventRowFrom, headColumns, headFrom } from "./sql-shape.js";
import type { AuditEventType, AuditQuery } from "./types.js";
import type { ChainSnapshot } from "./verify-chain.js";

/**
 * The store was opened by `openStore` (its schema exists). Written to, it gets the tables and, when new, `genesisHead`;
 * opened read-only, it must already be an audit store.
 */
export async function openPostgresBackend(store: PostgresStore, genesisHead: SignedHead | undefined, options: { durability?: AuditDurability } = {}): Promise<AuditBackend> {
  const pool = store.pool;
  const schema = quoteIdentifier(store.schema);
  const events = `${schema}.${auditTables.events}`;
  const head = `${schema}.${auditTables.head}`;
  const meta = `${schema}.${auditTables.meta}`;

  try {
    if (store.readOnly) await checkLayout(pool, meta, store.displayUrl);
    else await initialise(pool, { events, head, meta, schemaName: store.schema }, genesisHead);
  } catch (error) {
    await store.close();
    if (error instanceof AuditConfigError) throw error;
    throw new AuditConfigError(`cannot open the audit store ${store.displayUrl}: ${(error as Error).message}`, "check the server is up, the user may create tables in the schema, and the URL is right", { cause: error });
  }

  const transaction = async <T>(begin: string, use: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const result = await use(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      // A connection whose rollback failed is in an unknown state: drop it rather than hand it to the next caller.
      client.release(broken);
    }
  };

  const headOf = async (client: pg.PoolClient | pg.Pool, lock: boolean) =>
    headFrom((await client.query(`SELECT ${headColumns} FROM ${head} WHERE id = 1${lock ? " FOR UPDATE" : ""}`)).rows[0] as Record<string, unknown> | undefined);

  return {
    url: store.displayUrl,
    writeBatch: (pruneBeforeMs: number | undefined, build: BatchBuilder): Promise<BatchPlan> =>
      // "process-crash": the server acknowledges the COMMIT before its WAL reaches disk (in the same round trip as BEGIN).
      transaction(options.durability === "process-crash" ? "BEGIN; SET LOCAL synchronous_commit TO OFF" : "BEGIN", async (client) => {
        // The row lock is the store's write lock: every writer, in every process, queues here, then reads the head
        // the previous writer committed (READ COMMITTED re-reads a locked row after the lock is released).
        const current = await headOf(client, true);
        let cut: PruneCut | undefined;
        if (pruneBeforeMs !== undefined) {
          const kept = (await client.query(`SELECT MIN(seq) AS seq FROM ${events} WHERE at_ms >= $1`, [pruneBeforeMs])).rows[0] as { seq: string | null };
          const cutSeq = kept.seq === null ? (current?.headSeq ?? 0) + 1 : Number(kept.seq);
          const removed = Number(((await client.query(`SELECT COUNT(*) AS n FROM ${events} WHERE seq < $1`, [cutSeq])).rows[0] as { n: string }).n);
          const last = (await client.query(`SELECT hash FROM ${events} WHERE seq = $1`, [cutSeq - 1])).rows[0] as { hash: string } | undefined;
          cut = { cutSeq, removed, lastRemovedHash: last?.hash };
        }
        const plan = build(current, cut);
        // One statement under the lock, not three: the lock is held until COMMIT, so every round trip spent while
        // holding it is throughput taken from every other writer of the store.
        await writePlan(client, { events, head }, plan);
        return plan;
      }),

    async readRows(query: AuditQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.traceId !== undefined) where.push(`trace_id = $${params.push(query.traceId)}`);
      if (query.types !== undefined) {
        if (query.types.length === 0) return [];
        where.push(`type = ANY($${params.push(query.types)}::text[])`);
      }
      if (query.fromSeq !== undefined) where.push(`seq >= $${params.push(query.fromSeq)}`);
      const limit = query.limit !== undefined ? ` LIMIT $${params.push(query.limit)}` : "";
      const sql = `SELECT ${eventColumns} FROM ${events}${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY seq${limit}`;
      return (await pool.query(sql, params)).rows.map(eventRowFrom);
    },

    async recentTraceIds(limit: number, sinceMs: number | undefined) {
      const params: unknown[] = [];
      const since = sinceMs === undefined ? "" : ` AND at_ms >= $${params.push(sinceMs)}`;
      const sql = `SELECT trace_id AS "traceId" FROM ${events} WHERE type = 'run.started'${since} ORDER BY seq DESC LIMIT $${params.push(limit)}`;
      return [...new Set((await pool.query(sql, params)).rows.map((row: { traceId: string }) => row.traceId))];
    },

    async rowsOfTraces(traceIds: string[], types: readonly AuditEventType[]) {
      const sql = `SELECT ${eventColumns} FROM ${events} WHERE trace_id = ANY($1::text[]) AND type = ANY($2::text[]) ORDER BY seq`;
      return (await pool.query(sql, [traceIds, types])).rows.map(eventRowFrom);
    },

    readHead: () => headOf(pool, false),

    withSnapshot<T>(batchSize: number, use: (snapshot: ChainSnapshot) => Promise<T>): Promise<T> {
      // One REPEATABLE READ transaction: the head record and every page of events come from the same snapshot,
      // so writers committing meanwhile never look like events beyond the signed head.
      return transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", async (client) => {
        const headRow = await headOf(client, false);
        const retention = (await client.query(`SELECT ${eventColumns} FROM ${events} WHERE type = 'retention.pruned' ORDER BY seq DESC LIMIT 1`)).rows[0] as Record<string, unknown> | undefined;
        async function* batches(): AsyncGenerator<StoredEventRow[]> {
          let after = Number.MIN_SAFE_INTEGER;
          for (;;) {
            const rows = (await client.query(`SELECT ${eventColumns} FROM ${events} WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, batchSize])).rows.map(eventRowFrom);
            if (rows.length === 0) return;
            yield rows;
            after = rows[rows.length - 1]!.seq;
          }
        }
        return use({ head: headRow, latestRetention: retention === undefined ? undefined : eventRowFrom(retention), batches: batches() });
      });
    },

    async close() {
      await pool.end();
    },
  };
}

/** Inserts the planned rows (eleven array parameters, unnested server-side), cuts a pruned prefix, and moves the head, in one statement. */
async function writePlan(client: pg.PoolClient, tables: { events: string; head: string }, plan: BatchPlan): Promise<void> {
  const rows = plan.rows;
  const h = plan.head;
  await client.query(
    `WITH inserted AS (
       INSERT INTO ${tables.events} (seq, schema_version, type, trace_id, call_id, at, at_ms, data, redacted, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[])
     ), pruned AS (
       DELETE FROM ${tables.events} WHERE seq < $12
     )
     UPDATE ${tables.head} SET head_seq = $13, head_hash = $14, last_checkpoint_seq = $15, signed_at = $16, algorithm = $17, key_id = $18, signature = $19 WHERE id = 1`,
    [
      rows.map((row) => row.seq),
      rows.map((row) => row.schemaVersion),
      rows.map((row) => row.type),
      rows.map((row) => row.traceId),
      rows.map((row) => row.callId),
      rows.map((row) => row.at),
      rows.map((row) => row.atMs),
      rows.map((row) => row.data),
      rows.map((row) => row.redacted),
      rows.map((row) => row.prevHash),
      rows.map((row) => row.hash),
      plan.deleteBelow ?? 0,
      h.headSeq,
      h.headHash,
      h.lastCheckpointSeq,
      h.signedAt,
      h.algorithm,
      h.keyId,
      h.signature,
    ],
  );
}

/** Reading must find an audit store in the schema, in a layout this toolgate understands. */
async function checkLayout(pool: pg.Pool, meta: string, displayUrl: string): Promise<void> {
  const found = await pool.query("SELECT to_regclass($1) AS meta", [meta]);
  if ((found.rows[0] as { meta: string | null }).meta === null) throw new AuditConfigError(`there is no audit store at ${displayUrl}`, "check the URL's ?schema=, or record a run first");
  const layout = Number(((await pool.query(`SELECT value FROM ${meta} WHERE key = 'layout'`)).rows[0] as { value: string } | undefined)?.value ?? 0);
  if (layout > auditTableLayout) {
    throw new AuditConfigError(`the audit store uses table layout ${layout}, newer than this toolgate understands (${auditTableLayout})`, "upgrade toolgate to read it");
  }
}

async function initialise(pool: pg.Pool, names: { events: string; head: string; meta: string; schemaName: string }, genesisHead: SignedHead | undefined): Promise<void> {
  await inTransaction(pool, async (client) => {
    // Several processes opening a fresh store at once would race CREATE … IF NOT EXISTS (it is not atomic in PostgreSQL).
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`toolgate.audit.init:${names.schemaName}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${names.meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${names.events} (
      seq BIGINT PRIMARY KEY,
      schema_version INTEGER NOT NULL,
      type TEXT NOT NULL,
      trace_id TEXT NOT NULL,
      call_id TEXT,
      at TEXT NOT NULL,
      at_ms BIGINT NOT NULL,
      data TEXT NOT NULL,
      redacted TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`);
    await client.query(`CREATE INDEX IF NOT EXISTS ${auditTables.events}_trace ON ${names.events} (trace_id, seq)`);
    await client.query(`CREATE INDEX IF NOT EXISTS ${auditTables.events}_type ON ${names.events} (type, seq)`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${names.head} (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      head_seq BIGINT NOT NULL,
      head_hash TEXT NOT NULL,
      last_checkpoint_seq BIGINT NOT NULL,
      signed_at TEXT NOT NULL,
      algorithm TEXT NOT NULL,
      key_id TEXT NOT NULL,
      signature TEXT NOT NULL
    )`);
    await client.query(`INSERT INTO ${names.meta} (key, value) VALUES ('layout', $1) ON CONFLICT (key) DO NOTHING`, [String(auditTableLayout)]);
    const layout = Number(((await client.query(`SELECT value FROM ${names.meta} WHERE key = 'layout'`)).rows[0] as { value: string }).value);
    if (layout > auditTableLayout) {
      throw new AuditConfigError(`the audit store uses table layout ${layout}, newer than this toolgate understands (${auditTableLayout})`, "upgrade toolgate to read it");
    }
    const hasHead = (await client.query(`SELECT 1 FROM ${names.head} WHERE id = 1`)).rowCount! > 0;
    const hasEvents = (await client.query(`SELECT 1 FROM ${names.events} LIMIT 1`)).rowCount! > 0;
    if (!hasHead && !hasEvents && genesisHead !== undefined) {
      const h = genesisHead;
      await client.query(
        `INSERT INTO ${names.head} (id, head_seq, head_hash, last_checkpoint_seq, signed_at, algorithm, key_id, signature) VALUES (1, $1, $2, $3, $4, $5, $6, $7)`,
        [h.headSeq, h.headHash, h.lastCheckpointSeq, h.signedAt, h.algorithm, h.keyId, h.signature],
      );
    }
  });
}
