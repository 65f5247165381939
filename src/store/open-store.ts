// Opens the store a URL names, for any room: a SQLite file (the default) or a schema in PostgreSQL.
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { openPostgresSchema } from "./postgres-schema.js";
import { postgresSqlDriver, sqliteSqlDriver } from "./sql-driver.js";
import type { SqlDriver } from "./sql-driver.js";
import { openSqliteFile, openSqliteReader } from "./sqlite-file.js";
import { parseStoreUrl } from "./store-url.js";
import type { StoreLocation } from "./store-url.js";

export interface OpenStoreOptions {
  /** Relative SQLite paths resolve against it; default the process's working directory. */
  cwd?: string;
  /** Open to read only: nothing is created, and a missing SQLite file or PostgreSQL schema is a StoreError. */
  readOnly?: boolean;
  /** What the store is, in error messages: `audit store`, `approval store` (default `store`). */
  what?: string;
  /** PostgreSQL connections in the pool (default 4). */
  poolSize?: number;
}

interface OpenedStoreBase {
  readonly displayUrl: string;
  readonly readOnly: boolean;
  /** The generic `?`-placeholder SQL over this store's connection, for rooms whose needs are small. */
  readonly sql: SqlDriver;
  close(): Promise<void>;
}

export interface SqliteStore extends OpenedStoreBase {
  readonly kind: "sqlite";
  readonly location: Extract<StoreLocation, { kind: "sqlite" }>;
  readonly database: BetterSqlite3.Database;
  /** Another read-only connection to the same file (the same connection for `:memory:`); the caller closes it. */
  openReader(): Promise<BetterSqlite3.Database>;
}

export interface PostgresStore extends OpenedStoreBase {
  readonly kind: "postgres";
  readonly location: Extract<StoreLocation, { kind: "postgres" }>;
  readonly pool: pg.Pool;
  readonly schema: string;
}

export type OpenedStore = SqliteStore | PostgresStore;

/**
 * `sqlite:<path>` (e.g. `sqlite:.toolgate/audit.db`), `sqlite::memory:`, or `postgres://user@host/db?schema=name`.
 * The driver (better-sqlite3 or pg) is loaded only when a store of its kind is opened.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const what = options.what ?? "store";
  const location = parseStoreUrl(url, options.cwd ?? process.cwd(), what);
  const readOnly = options.readOnly ?? false;
  if (location.kind === "sqlite") {
    const database = await openSqliteFile(location.path, { readOnly, what });
    const sql = sqliteSqlDriver(database);
    return {
      kind: "sqlite",
      location,
      displayUrl: location.displayUrl,
      readOnly,
      database,
      sql,
      openReader: async () => (location.memory ? database : openSqliteReader(location.path, what)),
      close: sql.close,
    };
  }
  const pool = await openPostgresSchema(location.connectionString, location.schema, { readOnly, displayUrl: location.displayUrl, what, ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }) });
  const sql = postgresSqlDriver(pool, location.schema);
  return { kind: "postgres", location, displayUrl: location.displayUrl, readOnly, pool, schema: location.schema, sql, close: sql.close };
}
