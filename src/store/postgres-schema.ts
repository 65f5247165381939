// Opens a PostgreSQL pool on one schema: created when writing, required to exist when reading.
import type pg from "pg";
import { StoreError } from "./errors.js";
import { quoteIdentifier } from "./sql-driver.js";

export async function openPostgresSchema(connectionString: string, schema: string, options: { readOnly: boolean; displayUrl: string; what: string; poolSize?: number }): Promise<pg.Pool> {
  const { default: postgres } = await import("pg");
  const pool = new postgres.Pool({ connectionString, max: options.poolSize ?? 4 });
  // An idle client that errors (a server restart) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  try {
    const found = await pool.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [schema]);
    if (found.rowCount === 0) {
      if (options.readOnly) throw new StoreError("missing", `there is no schema "${schema}" at ${options.displayUrl}`, "check the URL's ?schema=, or write to the store first");
      await createSchema(pool, schema);
    }
    return pool;
  } catch (error) {
    await pool.end();
    if (error instanceof StoreError) throw error;
    throw new StoreError("open", `cannot open the ${options.what} ${options.displayUrl}: ${(error as Error).message}`, "check the server is up, the user may create tables in the schema, and the URL is right", { cause: error });
  }
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  } catch (error) {
    // Two processes creating the same schema at once: IF NOT EXISTS is not atomic in PostgreSQL, and the loser's
    // unique violation only says the other one won.
    if ((error as { code?: string }).code !== "23505") throw error;
  }
}
