// Limit counters in a SQLite file, so rate limits and budgets survive a restart of the process.
import type Database from "better-sqlite3";
import type { CounterResult, CounterStore, CounterTake } from "./counter-store.js";

/** Over a database `openStore` opened for writing (owner-only file, WAL, a busy timeout so processes sharing it wait). */
export function sqliteCounterStore(db: Database.Database): CounterStore {
  db.exec("CREATE TABLE IF NOT EXISTS toolgate_limit_counters (key TEXT PRIMARY KEY, window_start INTEGER NOT NULL, used REAL NOT NULL)");
  const read = db.prepare<[string], { window_start: number; used: number }>("SELECT window_start, used FROM toolgate_limit_counters WHERE key = ?");
  const write = db.prepare("INSERT INTO toolgate_limit_counters (key, window_start, used) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET window_start = excluded.window_start, used = excluded.used");
  // IMMEDIATE takes the write lock before reading, so check-and-consume is atomic across processes too.
  const take = db.transaction(({ key, amount, max, windowStartMs }: CounterTake): CounterResult => {
    const row = read.get(key);
    const used = row && row.window_start === windowStartMs ? row.used : 0;
    if (used + amount > max) return { allowed: false, used };
    write.run(key, windowStartMs, used + amount);
    return { allowed: true, used: used + amount };
  });
  return {
    take: (request) => take.immediate(request),
  };
}
