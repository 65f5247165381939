// Opens the document store a URL names, through the one store opener every room uses.
import { openStore } from "../store/index.js";
import { openPostgresRagStore } from "./postgres-rag-store.js";
import type { RagStore } from "./rag-store.js";
import { openSqliteRagStore } from "./sqlite-rag-store.js";

/** `sqlite:<path>` (default `sqlite:.toolgate/rag.db` in the CLI), `sqlite::memory:` or `postgres://…?schema=name`. */
export async function openRagStore(url: string, options: { cwd?: string; readOnly?: boolean } = {}): Promise<RagStore> {
  const opened = await openStore(url, { what: "document store", ...options });
  return opened.kind === "sqlite" ? openSqliteRagStore(opened) : openPostgresRagStore(opened);
}
