// Where captured content lives: one table in a SQLite file or a PostgreSQL schema, opened through the one store opener.
import type { OpenedStore, SqlDriver } from "../store/index.js";
import { openStore, StoreError } from "../store/index.js";
import type { CapturedEvalCase, CapturedTrace, CaptureSource } from "./captured-trace.js";

export interface CaptureQuery {
  /** Runs started at or after this ISO time. */
  since?: string;
  /** Runs started before this ISO time. */
  until?: string;
  principal?: string;
  source?: CaptureSource;
  traceIds?: readonly string[];
}

export interface CaptureStore {
  /** The URL without credentials. */
  readonly url: string;
  /** Stores a run's content; a run captured again (a chat session's later turn) replaces what was kept. */
  save(trace: CapturedTrace): Promise<void>;
  get(traceId: string): Promise<CapturedTrace | undefined>;
  /** Captured runs in the order they started. */
  list(query?: CaptureQuery): Promise<CapturedTrace[]>;
  /** Records the eval case a captured run answered and whether it passed; false when the run was not captured. */
  markEvalCase(traceId: string, evalCase: CapturedEvalCase): Promise<boolean>;
  /** Whether a run of this eval case by this model is captured and marked (so a cached eval result needs no new run). */
  hasEvalCase(caseId: string, model: string): Promise<boolean>;
  /** Content retention: removes runs that started before `before` (ISO time). */
  prune(options: { before: string }): Promise<{ removed: number }>;
  close(): Promise<void>;
}

export class CaptureStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CaptureStoreError";
  }
}

export interface OpenCaptureStoreOptions {
  cwd?: string;
  /** Read only: creates nothing; a store without captured content is a CaptureStoreError. */
  readOnly?: boolean;
}

const table = "captured_traces";

/** `sqlite:<file>` or `postgres://…?schema=name`, as every toolgate store. */
export async function openCaptureStore(url: string, options: OpenCaptureStoreOptions = {}): Promise<CaptureStore> {
  let store: OpenedStore;
  try {
    store = await openStore(url, { ...(options.cwd !== undefined ? { cwd: options.cwd } : {}), readOnly: options.readOnly ?? false, what: "capture store" });
  } catch (error) {
    throw new CaptureStoreError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const sql = store.sql;
  const name = sql.qualify(table);
  try {
    if (!options.readOnly) await createTable(sql, name);
    else await sql.all(`SELECT trace_id FROM ${name} LIMIT 1`);
  } catch (error) {
    await store.close();
    if (error instanceof StoreError) throw new CaptureStoreError(error.message, { cause: error });
    throw new CaptureStoreError(`capture store ${store.displayUrl} holds no captured content (record some with --capture ${store.displayUrl})`, { cause: error });
  }
  return captureStoreOver(store.displayUrl, sql, name);
}

async function createTable(sql: SqlDriver, name: string): Promise<void> {
  await sql.run(
    `CREATE TABLE IF NOT EXISTS ${name} (trace_id TEXT PRIMARY KEY, source TEXT NOT NULL, model TEXT NOT NULL, principal TEXT, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, stop_reason TEXT NOT NULL, eval_case TEXT, eval_passed INTEGER, content TEXT NOT NULL)`,
  );
  await sql.run(`CREATE INDEX IF NOT EXISTS captured_traces_started ON ${name} (started_at)`);
}

interface StoredContent {
  principal?: CapturedTrace["principal"];
  conversationId?: string;
  messages: CapturedTrace["messages"];
  tools: CapturedTrace["tools"];
  steps: CapturedTrace["steps"];
  redactions: number;
}

function fromRow(row: Record<string, unknown>): CapturedTrace {
  const content = JSON.parse(String(row.content)) as StoredContent;
  const trace: CapturedTrace = {
    traceId: String(row.trace_id),
    source: String(row.source) as CaptureSource,
    model: String(row.model),
    startedAt: String(row.started_at),
    finishedAt: String(row.finished_at),
    stopReason: String(row.stop_reason) as CapturedTrace["stopReason"],
    messages: content.messages,
    tools: content.tools,
    steps: content.steps,
    redactions: content.redactions,
  };
  if (content.principal) trace.principal = content.principal;
  if (content.conversationId) trace.conversationId = content.conversationId;
  if (row.eval_case !== null && row.eval_case !== undefined) trace.evalCase = { id: String(row.eval_case), passed: Number(row.eval_passed) === 1 };
  return trace;
}

function captureStoreOver(url: string, sql: SqlDriver, name: string): CaptureStore {
  let closed = false;
  const columns = "trace_id, source, model, principal, started_at, finished_at, stop_reason, eval_case, eval_passed, content";
  return {
    url,
    async save(trace) {
      const content: StoredContent = { messages: trace.messages, tools: trace.tools, steps: trace.steps, redactions: trace.redactions, ...(trace.principal ? { principal: trace.principal } : {}), ...(trace.conversationId ? { conversationId: trace.conversationId } : {}) };
      await sql.run(
        `INSERT INTO ${name} (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (trace_id) DO UPDATE SET source = excluded.source, model = excluded.model, principal = excluded.principal, started_at = excluded.started_at,
           finished_at = excluded.finished_at, stop_reason = excluded.stop_reason, content = excluded.content,
           eval_case = COALESCE(excluded.eval_case, ${name}.eval_case), eval_passed = COALESCE(excluded.eval_passed, ${name}.eval_passed)`,
        [
          trace.traceId,
          trace.source,
          trace.model,
          trace.principal?.id ?? null,
          trace.startedAt,
          trace.finishedAt,
          trace.stopReason,
          trace.evalCase?.id ?? null,
          trace.evalCase === undefined ? null : trace.evalCase.passed ? 1 : 0,
          JSON.stringify(content),
        ],
      );
    },
    async get(traceId) {
      const rows = await sql.all(`SELECT ${columns} FROM ${name} WHERE trace_id = ?`, [traceId]);
      return rows[0] ? fromRow(rows[0]) : undefined;
    },
    async list(query = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      const filter = (clause: string, value: unknown) => {
        where.push(clause);
        params.push(value);
      };
      if (query.since !== undefined) filter("started_at >= ?", query.since);
      if (query.until !== undefined) filter("started_at < ?", query.until);
      if (query.principal !== undefined) filter("principal = ?", query.principal);
      if (query.source !== undefined) filter("source = ?", query.source);
      if (query.traceIds !== undefined) {
        if (query.traceIds.length === 0) return [];
        where.push(`trace_id IN (${query.traceIds.map(() => "?").join(", ")})`);
        params.push(...query.traceIds);
      }
      const rows = await sql.all(`SELECT ${columns} FROM ${name}${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY started_at, trace_id`, params);
      return rows.map(fromRow);
    },
    async markEvalCase(traceId, evalCase) {
      const changed = await sql.run(`UPDATE ${name} SET eval_case = ?, eval_passed = ? WHERE trace_id = ?`, [evalCase.id, evalCase.passed ? 1 : 0, traceId]);
      return changed > 0;
    },
    async hasEvalCase(caseId, model) {
      const rows = await sql.all(`SELECT 1 AS found FROM ${name} WHERE eval_case = ? AND model = ? LIMIT 1`, [caseId, model]);
      return rows.length > 0;
    },
    async prune({ before }) {
      if (Number.isNaN(Date.parse(before))) throw new CaptureStoreError(`prune: before must be an ISO date or time, got ${JSON.stringify(before)}`);
      const removed = await sql.run(`DELETE FROM ${name} WHERE started_at < ?`, [before]);
      return { removed };
    },
    async close() {
      if (closed) return;
      closed = true;
      await sql.close();
    },
  };
}
