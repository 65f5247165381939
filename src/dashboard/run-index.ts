// The runs list's read model: one row per run (and per run and tool) folded from the audit chain, kept in SQL so a
// page of 100k runs is one indexed keyset query, not a scan of every event.
import type { AuditEvent, AuditStore } from "../audit/index.js";
import type { SqlDriver } from "../store/index.js";
import type { RunRow, RunStatus, RunVerdict, ToolTally } from "./run-row.js";
import { foldRunEvents } from "./run-row.js";

export interface RunFilter {
  principal?: string;
  tool?: string;
  status?: RunStatus;
  verdict?: RunVerdict;
  /** ISO times: runs started at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

export interface RunPage {
  runs: RunRow[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: number;
}

export interface ToolRates {
  tool: string;
  calls: number;
  denied: number;
  approvals: number;
}

export interface RunIndex {
  /** Folds audit events appended since the last catch-up; returns how many it read. */
  catchUp(): Promise<number>;
  /** Newest first, `limit` runs started before first-seq `before` that match `filter`. */
  page(filter: RunFilter, options?: { before?: number; limit?: number }): Promise<RunPage>;
  /** The latest `limit` runs (for the overview's rates and percentiles). */
  recent(limit: number): Promise<RunRow[]>;
  toolRates(sinceFirstSeq: number): Promise<ToolRates[]>;
  readonly lastSeq: number;
}

const eventBatch = 5000;
const rowChunk = 400;
const rememberedCalls = 200_000;

export async function openRunIndex(sql: SqlDriver, audit: AuditStore): Promise<RunIndex> {
  const runs = sql.qualify("toolgate_dashboard_runs");
  const runTools = sql.qualify("toolgate_dashboard_run_tools");
  const state = sql.qualify("toolgate_dashboard_index");
  await sql.run(
    `CREATE TABLE IF NOT EXISTS ${runs} (trace_id TEXT PRIMARY KEY, first_seq BIGINT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, principal TEXT, model TEXT, status TEXT NOT NULL, verdict TEXT NOT NULL, calls INTEGER NOT NULL, rejected INTEGER NOT NULL, duration_ms DOUBLE PRECISION, tools TEXT NOT NULL)`,
  );
  await sql.run(`CREATE TABLE IF NOT EXISTS ${runTools} (trace_id TEXT NOT NULL, first_seq BIGINT NOT NULL, tool TEXT NOT NULL, calls INTEGER NOT NULL, denied INTEGER NOT NULL, approvals INTEGER NOT NULL, PRIMARY KEY (trace_id, tool))`);
  await sql.run(`CREATE TABLE IF NOT EXISTS ${state} (name TEXT PRIMARY KEY, last_seq BIGINT NOT NULL)`);
  for (const [suffix, columns] of [["seq", "first_seq"], ["principal", "principal, first_seq"], ["status", "status, first_seq"], ["verdict", "verdict, first_seq"], ["started", "started_at"]] as const) {
    await sql.run(`CREATE INDEX IF NOT EXISTS toolgate_dashboard_runs_${suffix} ON ${runs} (${columns})`);
  }
  await sql.run(`CREATE INDEX IF NOT EXISTS toolgate_dashboard_run_tools_tool ON ${runTools} (tool, first_seq)`);
  const stored = await sql.all(`SELECT last_seq FROM ${state} WHERE name = 'audit'`);
  let lastSeq = stored[0] ? Number(stored[0].last_seq) : 0;
  const toolOfCall = new Map<string, string>();
  let running: Promise<number> | undefined;

  const readRows = async (traceIds: string[]): Promise<Map<string, RunRow>> => {
    const found = new Map<string, RunRow>();
    for (let start = 0; start < traceIds.length; start += rowChunk) {
      const chunk = traceIds.slice(start, start + rowChunk);
      const rows = await sql.all(`SELECT * FROM ${runs} WHERE trace_id IN (${chunk.map(() => "?").join(", ")})`, chunk);
      for (const row of rows) found.set(String(row.trace_id), rowOf(row));
    }
    return found;
  };

  const writeRows = async (rows: RunRow[]) => {
    for (let start = 0; start < rows.length; start += rowChunk) {
      const chunk = rows.slice(start, start + rowChunk);
      await sql.run(
        `INSERT INTO ${runs} (trace_id, first_seq, started_at, finished_at, principal, model, status, verdict, calls, rejected, duration_ms, tools) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
         ON CONFLICT (trace_id) DO UPDATE SET first_seq = excluded.first_seq, started_at = excluded.started_at, finished_at = excluded.finished_at, principal = excluded.principal, model = excluded.model,
         status = excluded.status, verdict = excluded.verdict, calls = excluded.calls, rejected = excluded.rejected, duration_ms = excluded.duration_ms, tools = excluded.tools`,
        chunk.flatMap((row) => [row.traceId, row.firstSeq, row.startedAt, row.finishedAt ?? null, row.principal ?? null, row.model ?? null, row.status, row.verdict, row.calls, row.rejected, row.durationMs ?? null, JSON.stringify(row.tools)]),
      );
      const tallies = chunk.flatMap((row) => Object.entries(row.tools).map(([tool, tally]) => ({ row, tool, tally })));
      for (let at = 0; at < tallies.length; at += rowChunk) {
        const part = tallies.slice(at, at + rowChunk);
        await sql.run(
          `INSERT INTO ${runTools} (trace_id, first_seq, tool, calls, denied, approvals) VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}
           ON CONFLICT (trace_id, tool) DO UPDATE SET first_seq = excluded.first_seq, calls = excluded.calls, denied = excluded.denied, approvals = excluded.approvals`,
          part.flatMap(({ row, tool, tally }) => [row.traceId, row.firstSeq, tool, tally.calls, tally.denied, tally.approvals]),
        );
      }
    }
  };

  const foldBatch = async (events: AuditEvent[]) => {
    const byTrace = new Map<string, AuditEvent[]>();
    for (const event of events) {
      // Store events, fine-tuning bundles and pin re-approvals belong to no run.
      if (event.type === "checkpoint" || event.type === "retention.pruned" || event.type.startsWith("dataset.") || event.type === "tool.pinned") continue;
      const list = byTrace.get(event.traceId) ?? [];
      list.push(event);
      byTrace.set(event.traceId, list);
    }
    const existing = await readRows([...byTrace.keys()]);
    const folded = [...byTrace].map(([traceId, list]) => foldRunEvents(existing.get(traceId), traceId, list, toolOfCall));
    await writeRows(folded);
    if (toolOfCall.size > rememberedCalls) for (const key of [...toolOfCall.keys()].slice(0, toolOfCall.size - rememberedCalls / 2)) toolOfCall.delete(key);
  };

  const catchUpOnce = async (): Promise<number> => {
    let read = 0;
    for (;;) {
      const events = await audit.read({ fromSeq: lastSeq + 1, limit: eventBatch });
      if (events.length === 0) return read;
      await foldBatch(events);
      lastSeq = events.at(-1)!.seq;
      await sql.run(`INSERT INTO ${state} (name, last_seq) VALUES ('audit', ?) ON CONFLICT (name) DO UPDATE SET last_seq = excluded.last_seq`, [lastSeq]);
      read += events.length;
      if (events.length < eventBatch) return read;
    }
  };

  return {
    get lastSeq() {
      return lastSeq;
    },
    // One catch-up at a time in this process: two page loads at once would fold the same events twice.
    catchUp() {
      running ??= catchUpOnce().finally(() => (running = undefined));
      return running;
    },
    async page(filter, options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        where.push(clause);
        params.push(value);
      };
      // With a tool, the page is walked from the (tool, first_seq) index newest first, each run joined by its key and
      // checked against the other filters: a page costs about a page of that tool's runs, not a list of all of them.
      const runColumn = (column: string) => (filter.tool ? `r.${column}` : column);
      if (filter.tool) add("t.tool = ?", filter.tool);
      if (options.before !== undefined) add(`${filter.tool ? "t." : ""}first_seq < ?`, options.before);
      if (filter.principal) add(`${runColumn("principal")} = ?`, filter.principal);
      if (filter.status) add(`${runColumn("status")} = ?`, filter.status);
      if (filter.verdict) add(`${runColumn("verdict")} = ?`, filter.verdict);
      if (filter.from) add(`${runColumn("started_at")} >= ?`, filter.from);
      if (filter.to) add(`${runColumn("started_at")} < ?`, filter.to);
      // CROSS JOIN keeps SQLite's planner on that order (it would rather walk the verdict index and sort); PostgreSQL plans it as a join.
      if (filter.tool) where.unshift("r.trace_id = t.trace_id");
      const from = filter.tool ? `${runTools} t CROSS JOIN ${runs} r` : runs;
      const rows = await sql.all(
        `SELECT ${filter.tool ? "r.*" : "*"} FROM ${from}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${filter.tool ? "t." : ""}first_seq DESC LIMIT ?`,
        [...params, limit + 1],
      );
      const page = rows.slice(0, limit).map(rowOf);
      return rows.length > limit ? { runs: page, nextBefore: page.at(-1)!.firstSeq } : { runs: page };
    },
    async recent(limit) {
      return (await sql.all(`SELECT * FROM ${runs} ORDER BY first_seq DESC LIMIT ?`, [limit])).map(rowOf);
    },
    async toolRates(sinceFirstSeq) {
      const rows = await sql.all(`SELECT tool, SUM(calls) AS calls, SUM(denied) AS denied, SUM(approvals) AS approvals FROM ${runTools} WHERE first_seq >= ? GROUP BY tool ORDER BY tool`, [sinceFirstSeq]);
      return rows.map((row) => ({ tool: String(row.tool), calls: Number(row.calls), denied: Number(row.denied), approvals: Number(row.approvals) }));
    },
  };
}

function rowOf(row: Record<string, unknown>): RunRow {
  const optional = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
  const result: RunRow = {
    traceId: String(row.trace_id),
    firstSeq: Number(row.first_seq),
    startedAt: String(row.started_at),
    status: String(row.status) as RunStatus,
    verdict: String(row.verdict) as RunVerdict,
    calls: Number(row.calls),
    rejected: Number(row.rejected),
    tools: JSON.parse(String(row.tools)) as Record<string, ToolTally>,
  };
  const finishedAt = optional(row.finished_at);
  if (finishedAt !== undefined) result.finishedAt = finishedAt;
  const principal = optional(row.principal);
  if (principal !== undefined) result.principal = principal;
  const model = optional(row.model);
  if (model !== undefined) result.model = model;
  if (row.duration_ms !== null && row.duration_ms !== undefined) result.durationMs = Number(row.duration_ms);
  return result;
}
