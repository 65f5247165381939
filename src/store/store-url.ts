// Store URLs every room shares: `sqlite:<path>`, `sqlite::memory:`, `postgres://…?schema=name`; and the form safe to print.
import { join, resolve } from "node:path";
import { StoreError } from "./errors.js";

export type StoreLocation =
  | { kind: "sqlite"; path: string; memory: false; displayUrl: string }
  | { kind: "sqlite"; path: ":memory:"; memory: true; displayUrl: string }
  | { kind: "postgres"; connectionString: string; schema: string; displayUrl: string };

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const hint = "use sqlite:<path> (e.g. sqlite:.toolgate/audit.db), sqlite::memory:, or postgres://user@host:5432/db?schema=name";

/** `sqlite:<dataDir>/<fileName>`: where a room's store lives when nothing else is configured. */
export function sqliteUrlIn(dataDir: string, fileName: string): string {
  return `sqlite:${join(dataDir, fileName)}`;
}

/**
 * Relative SQLite paths resolve against `cwd`, like every other path. A PostgreSQL URL without `schema=` uses `public`;
 * the schema must be a plain SQL identifier because it is spliced into statements as a quoted name. `what` names the
 * store in messages (`audit store`).
 */
export function parseStoreUrl(url: string, cwd: string, what = "store"): StoreLocation {
  if (typeof url !== "string" || url.length === 0) throw new StoreError("url", `no ${what} URL given`, hint);
  if (url.startsWith("sqlite:")) {
    let rest = url.slice("sqlite:".length);
    if (rest === ":memory:") return { kind: "sqlite", path: ":memory:", memory: true, displayUrl: "sqlite::memory:" };
    if (rest.startsWith("//")) rest = rest.slice(2);
    if (rest.length === 0) throw new StoreError("url", `"${url}" names no file`, "give a path, e.g. sqlite:.toolgate/audit.db");
    const path = resolve(cwd, rest);
    return { kind: "sqlite", path, memory: false, displayUrl: `sqlite:${path}` };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (cause) {
      throw new StoreError("url", `"${redactCredentials(url)}" is not a valid URL`, hint, { cause });
    }
    const schema = parsed.searchParams.get("schema") ?? "public";
    if (!identifier.test(schema)) throw new StoreError("url", `schema "${schema}" is not a plain SQL identifier`, "use letters, digits and underscores, starting with a letter");
    parsed.searchParams.delete("schema");
    const connectionString = parsed.toString();
    parsed.username = "";
    parsed.password = "";
    parsed.searchParams.set("schema", schema);
    return { kind: "postgres", connectionString, schema, displayUrl: parsed.toString() };
  }
  throw new StoreError("url", `unknown ${what} URL "${redactCredentials(url)}"`, hint);
}

/** Drops `user:password@` from anything URL-shaped, for error messages. */
export function redactCredentials(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//");
}
