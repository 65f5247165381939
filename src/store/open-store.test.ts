// openStore on real parts: SQLite files on disk (owner-only, never created for reading) and a PostgreSQL schema of its own.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { StoreError } from "./errors.js";
import { openStore } from "./open-store.js";

const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `toolgate_store_${randomBytes(4).toString("hex")}`;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "toolgate-store-"));
  dirs.push(dir);
  return dir;
};
const modeOf = (path: string) => statSync(path).mode & 0o777;

afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterAll(async () => {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe("openStore on SQLite", () => {
  it("creates the directory and an owner-only file, whose WAL and shared-memory files are owner-only too", async () => {
    const dir = tempDir();
    const path = join(dir, "nested", "audit.db");
    const store = await openStore("sqlite:nested/audit.db", { cwd: dir });
    expect(store.kind).toBe("sqlite");
    expect(store.displayUrl).toBe(`sqlite:${path}`);
    await store.sql.run("CREATE TABLE t (v TEXT)");
    await store.sql.run("INSERT INTO t (v) VALUES (?)", ["kept"]);
    expect(await store.sql.all("SELECT v FROM t")).toEqual([{ v: "kept" }]);
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(join(dir, "nested"))).toBe(0o700);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
    expect(modeOf(`${path}-shm`)).toBe(0o600);
    if (store.kind === "sqlite") expect(store.database.pragma("journal_mode", { simple: true })).toBe("wal");
    await store.close();
  });

  it("opens an existing file to read only, refuses writes through it, and reads what a writer wrote", async () => {
    const dir = tempDir();
    const writer = await openStore("sqlite:s.db", { cwd: dir });
    await writer.sql.run("CREATE TABLE t (v INTEGER)");
    await writer.sql.run("INSERT INTO t (v) VALUES (?)", [7]);
    await writer.close();
    const reader = await openStore("sqlite:s.db", { cwd: dir, readOnly: true });
    expect(reader.readOnly).toBe(true);
    expect(await reader.sql.all("SELECT v FROM t")).toEqual([{ v: 7 }]);
    await expect(reader.sql.run("INSERT INTO t (v) VALUES (8)")).rejects.toThrow(/readonly/);
    await reader.close();
  });

  it("never creates anything when reading: a missing file is a StoreError naming the path", async () => {
    const dir = tempDir();
    const attempt = openStore("sqlite:missing/none.db", { cwd: dir, readOnly: true });
    await expect(attempt).rejects.toThrow(StoreError);
    await expect(openStore("sqlite:missing/none.db", { cwd: dir, readOnly: true, what: "approval store" })).rejects.toThrow(`there is no approval store at ${join(dir, "missing", "none.db")}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("opens an in-memory database, whose reader is the same connection", async () => {
    const store = await openStore("sqlite::memory:");
    if (store.kind !== "sqlite") throw new Error("expected sqlite");
    await store.sql.run("CREATE TABLE t (v TEXT)");
    expect(await store.openReader()).toBe(store.database);
    await store.close();
  });

  it("explains a file SQLite cannot open", async () => {
    const dir = tempDir();
    await expect(openStore(`sqlite:${dir}`, { cwd: dir })).rejects.toThrow(/cannot open the store .* — check the directory exists and is writable/);
  });

  it("fails at once, in one line, where the directory cannot be made (/proc/nope hung Node's recursive mkdir; /etc/passwd is a file)", async () => {
    for (const file of ["/proc/nope/audit.db", "/etc/passwd/audit.db"]) {
      await expect(openStore(`sqlite:${file}`, { cwd: "/" })).rejects.toThrow(new RegExp(`^cannot open the store ${file}: [^\\n]*$`));
    }
  });
});

describe("openStore on PostgreSQL", () => {
  const url = `${pgUrl}?schema=${schema}`;

  it("refuses to read a schema that does not exist, and creates nothing", async () => {
    await expect(openStore(url, { readOnly: true })).rejects.toThrow(new RegExp(`there is no schema "${schema}"`));
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    const found = await client.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [schema]);
    await client.end();
    expect(found.rowCount).toBe(0);
  });

  it("creates the schema when writing (two openers at once), qualifies tables with it, and reads it back read-only", async () => {
    const [a, b] = await Promise.all([openStore(url), openStore(url)]);
    expect(a.kind).toBe("postgres");
    expect(a.displayUrl).not.toContain("postgres@");
    const table = a.sql.qualify("store_probe");
    expect(table).toBe(`"${schema}".store_probe`);
    await a.sql.run(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, v TEXT)`);
    expect(await a.sql.run(`INSERT INTO ${table} (id, v) VALUES (?, ?)`, [1, "one"])).toBe(1);
    await Promise.all([a.close(), b.close()]);
    const reader = await openStore(url, { readOnly: true });
    expect(await reader.sql.all(`SELECT v FROM ${reader.sql.qualify("store_probe")} WHERE id = ?`, [1])).toEqual([{ v: "one" }]);
    await reader.close();
  });

  it("names the server it could not reach, without the credentials", async () => {
    await expect(openStore("postgres://someone:secret@127.0.0.1:1/test?schema=x")).rejects.toThrow(/cannot open the store postgres:\/\/127\.0\.0\.1:1\/test\?schema=x: .* — check the server is up/);
  });
});
