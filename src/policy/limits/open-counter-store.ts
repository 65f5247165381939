// Opens the counters behind rate limits and budgets by URL: `sqlite:<file>` (default `<data dir>/limits.db`) or PostgreSQL.
import { openStore, sqliteUrlIn } from "../../store/index.js";
import type { CounterStore } from "./counter-store.js";
import { postgresCounterStore } from "./postgres-counter-store.js";
import { sqliteCounterStore } from "./sqlite-counter-store.js";

const limitsFileName = "limits.db";

export function defaultLimitsStoreUrl(dataDir: string): string {
  return sqliteUrlIn(dataDir, limitsFileName);
}

/** A SQLite file keeps counts across restarts of one host; `postgres://…?schema=name` shares them across hosts. */
export async function openCounterStore(url: string, options: { cwd?: string } = {}): Promise<CounterStore & { close(): Promise<void> }> {
  const store = await openStore(url, { cwd: options.cwd ?? process.cwd(), what: "limits store" });
  try {
    if (store.kind === "sqlite") {
      const counters = sqliteCounterStore(store.database);
      return { take: counters.take, close: store.close };
    }
    return await postgresCounterStore(store.sql);
  } catch (error) {
    await store.close();
    throw error;
  }
}
