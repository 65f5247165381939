// inTransaction on a real PostgreSQL: what `work` wrote is committed when it resolves and rolled back when it throws.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { inTransaction } from "./in-transaction.js";

const schema = `s_in_tx_${process.pid}`;
const pool = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:5432/test", max: 2 });
afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});

describe("inTransaction", () => {
  it("commits on success, rolls back on a throw, and gives the client back either way", async () => {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE TABLE ${schema}.t (x int)`);
    expect(await inTransaction(pool, async (client) => (await client.query(`INSERT INTO ${schema}.t VALUES (1) RETURNING x`)).rows[0])).toEqual({ x: 1 });
    await expect(
      inTransaction(pool, async (client) => {
        await client.query(`INSERT INTO ${schema}.t VALUES (2)`);
        throw new Error("half-way");
      }),
    ).rejects.toThrow("half-way");
    expect((await pool.query(`SELECT x FROM ${schema}.t ORDER BY x`)).rows).toEqual([{ x: 1 }]);
    expect(pool.idleCount + pool.waitingCount).toBe(pool.totalCount);
  });
});
