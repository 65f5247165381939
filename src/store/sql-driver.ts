// The little SQL most stores need, over SQLite (better-sqlite3) or PostgreSQL (pg), with `?` placeholders in both.
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";

export interface SqlDriver {
  /** Table name prefix: `"schema".` for PostgreSQL, empty for SQLite. */
  readonly qualify: (table: string) => string;
  all(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export function sqliteSqlDriver(db: BetterSqlite3.Database): SqlDriver {
  return {
    qualify: (table) => table,
    all: async (sql, params = []) => db.prepare(sql).all(...params) as Array<Record<string, unknown>>,
    run: async (sql, params = []) => db.prepare(sql).run(...params).changes,
    close: async () => void db.close(),
  };
}

/** Numbers `?` placeholders as `$1…` for pg; the SQL must hold no literal question marks. */
export function postgresSqlDriver(pool: pg.Pool, schema: string): SqlDriver {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    qualify: (table) => `${quoteIdentifier(schema)}.${table}`,
    all: async (sql, params = []) => (await pool.query(numbered(sql), params)).rows as Array<Record<string, unknown>>,
    run: async (sql, params = []) => (await pool.query(numbered(sql), params)).rowCount ?? 0,
    close: () => pool.end(),
  };
}

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
