// Opens a SQLite store file: created owner-only (0600) with WAL and full sync for writing; never created for reading.
import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { StoreError } from "./errors.js";

/** The busy timeout lets a second process on the same file wait for the write lock instead of failing. */
const busyTimeoutMs = 10_000;

/**
 * Writing: the directory and the file are created when missing (0700, 0600: a trail or an approval can hold personal
 * data), then WAL with synchronous=FULL, so an acknowledged write survives kill -9 and power loss. SQLite gives the
 * -wal and -shm files the database file's mode. Reading: the file must exist and is opened read-only.
 */
export async function openSqliteFile(path: string, options: { readOnly: boolean; what: string }): Promise<BetterSqlite3.Database> {
  const { default: Database } = await import("better-sqlite3");
  if (path === ":memory:") return new Database(":memory:");
  if (options.readOnly) {
    if (!existsSync(path)) throw new StoreError("missing", `there is no ${options.what} at ${path}`, "check the sqlite:<path>, or write to it first");
    return openOrExplain(() => new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs }), path, options.what);
  }
  const db = openOrExplain(() => {
    makeDirectories(dirname(path));
    // Created here, owner-only, before SQLite opens it (SQLite itself would create it world-readable under a usual umask).
    closeSync(openSync(path, "a", 0o600));
    return new Database(path, { timeout: busyTimeoutMs });
  }, path, options.what);
  db.pragma("journal_mode = WAL");
  // FULL: the WAL is synced at every commit, so "written" means on disk, not in the page cache.
  db.pragma("synchronous = FULL");
  return db;
}

/** A further read-only connection to a file already opened (a long read that must not hold up the writer). */
export async function openSqliteReader(path: string, what: string): Promise<BetterSqlite3.Database> {
  const { default: Database } = await import("better-sqlite3");
  return openOrExplain(() => new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs }), path, what);
}

function openOrExplain(open: () => BetterSqlite3.Database, path: string, what: string): BetterSqlite3.Database {
  try {
    return open();
  } catch (cause) {
    throw new StoreError("open", `cannot open the ${what} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, "check the directory exists and is writable, or pass another sqlite:<path>", { cause });
  }
}

/**
 * mkdir -p one level at a time: Node's recursive mkdirSync never returns under /proc (e.g. --data-dir /proc/nope),
 * where a plain mkdir fails at once with ENOENT.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let current = dir; !existsSync(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const each of missing) mkdirSync(each, { mode: 0o700 });
}
