// Audit store URLs: `sqlite:<path>`, `sqlite::memory:`, `postgres://…?schema=name`; and the form that is safe to print.
import { resolve } from "node:path";
import { AuditConfigError } from "./errors.js";

/** Where the store lives when nothing is configured: one SQLite file under the project's `.toolgate/`. */
export const defaultAuditStoreUrl = "sqlite:.toolgate/audit.db";

export type AuditStoreLocation =
  | { kind: "sqlite"; path: string; memory: false; displayUrl: string }
  | { kind: "sqlite"; path: ":memory:"; memory: true; displayUrl: string }
  | { kind: "postgres"; connectionString: string; schema: string; displayUrl: string };

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function parseAuditStoreUrl(url: string, cwd: string): AuditStoreLocation {
  const hint = "use sqlite:<path> (e.g. sqlite:.toolgate/audit.db), sqlite::memory:, or postgres://user@host:5432/db?schema=toolgate";
  if (typeof url !== "string" || url.length === 0) throw new AuditConfigError("no audit store URL given", hint);
  if (url.startsWith("sqlite:")) {
    let rest = url.slice("sqlite:".length);
    if (rest === ":memory:") return { kind: "sqlite", path: ":memory:", memory: true, displayUrl: "sqlite::memory:" };
    if (rest.startsWith("//")) rest = rest.slice(2);
    if (rest.length === 0) throw new AuditConfigError(`"${url}" names no file`, `give a path, e.g. ${defaultAuditStoreUrl}`);
    const path = resolve(cwd, rest);
    return { kind: "sqlite", path, memory: false, displayUrl: `sqlite:${path}` };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (cause) {
      throw new AuditConfigError(`"${redactCredentials(url)}" is not a valid URL`, hint, { cause });
    }
    const schema = parsed.searchParams.get("schema") ?? "public";
    if (!identifier.test(schema)) throw new AuditConfigError(`schema "${schema}" is not a plain SQL identifier`, "use letters, digits and underscores, starting with a letter");
    parsed.searchParams.delete("schema");
    const connectionString = parsed.toString();
    parsed.username = "";
    parsed.password = "";
    parsed.searchParams.set("schema", schema);
    return { kind: "postgres", connectionString, schema, displayUrl: parsed.toString() };
  }
  throw new AuditConfigError(`unknown audit store URL "${redactCredentials(url)}"`, hint);
}

/** Drops `user:password@` from anything URL-shaped, for error messages. */
export function redactCredentials(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//");
}
