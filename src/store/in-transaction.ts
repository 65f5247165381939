// One PostgreSQL transaction on a pooled client: committed when `work` resolves, rolled back when it throws, the client
// always given back. Every room's multi-statement write goes through it instead of repeating the BEGIN/COMMIT dance.
import type pg from "pg";

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
