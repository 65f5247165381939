// Direct SQL against a store's tables, bypassing the store: how tests play the attacker with database access.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { auditTables } from "../sql-shape.js";

export interface RawSql {
  /** Qualified table names. */
  events: string;
  head: string;
  /** `?` placeholders in both dialects. */
  all(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** Where fresh stores come from for one backend, and how to reach their tables directly. */
export interface StoreHarness {
  name: string;
  /** A URL naming a fresh, empty store. */
  freshUrl(): Promise<string>;
  raw(url: string): RawSql;
  cleanup(): Promise<void>;
}

export const postgresTestUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function sqliteHarness(): StoreHarness {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-audit-store-"));
  let count = 0;
  return {
    name: "sqlite",
    freshUrl: async () => `sqlite:${join(dir, `store-${++count}.db`)}`,
    raw(url) {
      const db = new Database(url.slice("sqlite:".length));
      return {
        events: auditTables.events,
        head: auditTables.head,
        all: async (sql, params = []) => db.prepare(sql).all(...params) as Array<Record<string, unknown>>,
        run: async (sql, params = []) => void db.prepare(sql).run(...params),
        close: async () => void db.close(),
      };
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Each fresh store is its own schema, named for this process and run, dropped at cleanup. */
export function postgresHarness(): StoreHarness {
  const prefix = `tg_audit_${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  return {
    name: "postgres",
    async freshUrl() {
      const schema = `${prefix}_${schemas.length + 1}`;
      schemas.push(schema);
      return `${postgresTestUrl}?schema=${schema}`;
    },
    raw(url) {
      const schema = new URL(url).searchParams.get("schema")!;
      const client = new pg.Client({ connectionString: postgresTestUrl });
      const connected = client.connect();
      const numbered = (sql: string) => {
        let index = 0;
        return sql.replace(/\?/g, () => `$${++index}`);
      };
      return {
        events: `"${schema}".${auditTables.events}`,
        head: `"${schema}".${auditTables.head}`,
        async all(sql, params = []) {
          await connected;
          return (await client.query(numbered(sql), params)).rows as Array<Record<string, unknown>>;
        },
        async run(sql, params = []) {
          await connected;
          await client.query(numbered(sql), params);
        },
        async close() {
          await connected;
          await client.end();
        },
      };
    },
    async cleanup() {
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: postgresTestUrl });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
