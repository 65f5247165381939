// Limit counters in PostgreSQL, so processes on several hosts share one rate limit or budget per principal.
import type { SqlDriver } from "../../store/index.js";
import type { CounterResult, CounterStore, CounterTake } from "./counter-store.js";

/**
 * Over the schema `openStore` opened. One statement checks and consumes: `INSERT … ON CONFLICT DO UPDATE … WHERE` locks
 * the key's row, so two hosts taking the last unit at once cannot both get it, without a transaction held open across
 * a round trip.
 */
export async function postgresCounterStore(driver: SqlDriver): Promise<CounterStore & { close(): Promise<void> }> {
  const table = driver.qualify("toolgate_limit_counters");
  try {
    await driver.run(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, used DOUBLE PRECISION NOT NULL)`);
  } catch (error) {
    await driver.close();
    throw error;
  }
  // Usage in the row's window, or 0 when the row belongs to an older window.
  const current = `(CASE WHEN ${table}.window_start = EXCLUDED.window_start THEN ${table}.used ELSE 0 END)`;
  const takeSql =
    `INSERT INTO ${table} (key, window_start, used) VALUES (?, ?, ?) ` +
    `ON CONFLICT (key) DO UPDATE SET window_start = EXCLUDED.window_start, used = ${current} + EXCLUDED.used ` +
    `WHERE ${current} + EXCLUDED.used <= ? RETURNING used`;
  const usedSql = `SELECT window_start, used FROM ${table} WHERE key = ?`;

  const usedNow = async (key: string, windowStartMs: number): Promise<number> => {
    const [row] = await driver.all(usedSql, [key]);
    return row && Number(row.window_start) === windowStartMs ? Number(row.used) : 0;
  };
  return {
    async take({ key, amount, max, windowStartMs }: CounterTake): Promise<CounterResult> {
      // A first take larger than the limit would otherwise be inserted unchecked.
      if (amount > max) return { allowed: false, used: await usedNow(key, windowStartMs) };
      const [row] = await driver.all(takeSql, [key, windowStartMs, amount, max]);
      if (row) return { allowed: true, used: Number(row.used) };
      return { allowed: false, used: await usedNow(key, windowStartMs) };
    },
    close: () => driver.close(),
  };
}
