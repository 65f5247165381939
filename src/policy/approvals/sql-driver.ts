// The little SQL the approval store needs, over SQLite (better-sqlite3) or PostgreSQL (pg), with `?` placeholders in both.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export interface SqlDriver {
  /** Table name prefix: `"schema".` for PostgreSQL, empty for SQLite. */
  readonly qualify: (table: string) => string;
  all(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export function sqliteDriver(path: string): SqlDriver {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 10_000 });
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  return {
    qualify: (table) => table,
    all: async (sql, params = []) => db.prepare(sql).all(...params) as Array<Record<string, unknown>>,
    run: async (sql, params = []) => db.prepare(sql).run(...params).changes,
    close: async () => void db.close(),
  };
}

export async function postgresDriver(connectionString: string, schema: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    qualify: (table) => `"${schema}".${table}`,
    all: async (sql, params = []) => (await pool.query(numbered(sql), params)).rows as Array<Record<string, unknown>>,
    run: async (sql, params = []) => (await pool.query(numbered(sql), params)).rowCount ?? 0,
    close: () => pool.end(),
  };
}
