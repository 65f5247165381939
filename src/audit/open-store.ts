// Opens an audit store by URL: SQLite by default, PostgreSQL when several processes share one trail.
import { openStore } from "../store/index.js";
import type { OpenedStore } from "../store/index.js";
import { genesisHash } from "./chain.js";
import type { AuditStoreOptions, ChainedAuditStore } from "./chained-store.js";
import { createChainedStore } from "./chained-store.js";
import { signHead } from "./checkpoint.js";
import { asAuditConfigError } from "./errors.js";
import { openPostgresBackend } from "./postgres-backend.js";
import { openSqliteBackend } from "./sqlite-backend.js";

/** Where the store lives when nothing is configured: one SQLite file under the project's `.toolgate/`. */
export const defaultAuditStoreUrl = "sqlite:.toolgate/audit.db";

/**
 * `sqlite:<path>` (e.g. `sqlite:.toolgate/audit.db`), `sqlite::memory:`, or `postgres://user@host/db?schema=name`.
 * Pass a signer to write: the store (file or schema) and its tables are created on first use. A verifier alone opens it
 * to read and verify, and neither opens it to read only (listing and showing need no key): both create nothing, and
 * a store that is not there is an AuditConfigError.
 */
export async function openAuditStore(url: string, options: AuditStoreOptions): Promise<ChainedAuditStore> {
  const clock = options.clock ?? (() => new Date());
  let store: OpenedStore;
  try {
    store = await openStore(url, { cwd: options.cwd ?? process.cwd(), readOnly: options.readOnly ?? options.signer === undefined, what: "audit store" });
  } catch (error) {
    throw asAuditConfigError(error);
  }
  const genesisHead = options.signer === undefined || store.readOnly ? undefined : signHead(options.signer, { seq: 0, hash: genesisHash, lastCheckpointSeq: 0 }, clock().toISOString());
  const backend =
    store.kind === "sqlite"
      ? openSqliteBackend(store, genesisHead, { ...(options.writerThread === undefined ? {} : { writerThread: options.writerThread }), ...(options.durability === undefined ? {} : { durability: options.durability }) })
      : await openPostgresBackend(store, genesisHead, options.durability === undefined ? {} : { durability: options.durability });
  try {
    return createChainedStore(backend, { ...options, clock });
  } catch (error) {
    await backend.close();
    throw error;
  }
}
