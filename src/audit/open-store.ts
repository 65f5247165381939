// Opens an audit store by URL: SQLite by default, PostgreSQL when several processes share one trail.
import { genesisHash } from "./chain.js";
import type { AuditStoreOptions, ChainedAuditStore } from "./chained-store.js";
import { createChainedStore } from "./chained-store.js";
import { signHead } from "./checkpoint.js";
import { openPostgresBackend } from "./postgres-backend.js";
import { openSqliteBackend } from "./sqlite-backend.js";
import { parseAuditStoreUrl } from "./store-url.js";

/**
 * `sqlite:<path>` (e.g. `sqlite:.toolgate/audit.db`), `sqlite::memory:`, or `postgres://user@host/db?schema=name`.
 * Creates the tables on first use. Pass a signer to write; a verifier alone opens it to read and verify; neither
 * opens it to read only (listing and showing need no key).
 */
export async function openAuditStore(url: string, options: AuditStoreOptions): Promise<ChainedAuditStore> {
  const location = parseAuditStoreUrl(url, options.cwd ?? process.cwd());
  const clock = options.clock ?? (() => new Date());
  const genesisHead = options.signer === undefined ? undefined : signHead(options.signer, { seq: 0, hash: genesisHash, lastCheckpointSeq: 0 }, clock().toISOString());
  const backend =
    location.kind === "sqlite"
      ? openSqliteBackend({ path: location.path, memory: location.memory, displayUrl: location.displayUrl, genesisHead })
      : await openPostgresBackend({ connectionString: location.connectionString, schema: location.schema, displayUrl: location.displayUrl, genesisHead });
  try {
    return createChainedStore(backend, { ...options, clock });
  } catch (error) {
    await backend.close();
    throw error;
  }
}
