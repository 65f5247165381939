// API keys for the gateway: stored only as SHA-256 digests, each mapped to a principal and roles, revocable.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Principal } from "../record/index.js";
import type { OpenedStore } from "../store/index.js";

export interface ApiKeyInfo {
  id: string;
  principal: Principal;
  createdAt: string;
  revokedAt?: string;
}

export interface ApiKeyStore {
  /** Creates a key; the plaintext is returned once and never stored. */
  create(principal: Principal): Promise<{ key: string; info: ApiKeyInfo }>;
  /** The key's record when it exists and is not revoked. */
  authenticate(key: string): Promise<ApiKeyInfo | undefined>;
  list(): Promise<ApiKeyInfo[]>;
  /** True while the key with this id exists and is not revoked (a dashboard session checks it on every request). */
  isLive(id: string): Promise<boolean>;
  /** True when a live key with that id was revoked. */
  revoke(id: string): Promise<boolean>;
}

const keyPrefix = "tgk_";

// Keys are 32 random bytes, so a plain SHA-256 is enough: there is nothing to brute-force that a slow hash would protect.
const digestOfKey = (key: string) => createHash("sha256").update(key).digest("hex");

export async function openApiKeyStore(store: OpenedStore): Promise<ApiKeyStore> {
  const table = store.sql.qualify("toolgate_api_keys");
  await store.sql.run(
    `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, key_digest TEXT NOT NULL UNIQUE, principal TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)`,
  );
  const infoOf = (row: Record<string, unknown>): ApiKeyInfo => ({
    id: String(row.id),
    principal: JSON.parse(String(row.principal)) as Principal,
    createdAt: String(row.created_at),
    ...(row.revoked_at == null ? {} : { revokedAt: String(row.revoked_at) }),
  });
  return {
    async create(principal) {
      if (principal.id.trim().length === 0) throw new TypeError("an API key needs a principal id");
      const id = randomUUID();
      const key = `${keyPrefix}${randomBytes(32).toString("base64url")}`;
      const info: ApiKeyInfo = { id, principal: structuredClone(principal), createdAt: new Date().toISOString() };
      await store.sql.run(`INSERT INTO ${table} (id, key_digest, principal, created_at) VALUES (?, ?, ?, ?)`, [id, digestOfKey(key), JSON.stringify(info.principal), info.createdAt]);
      return { key, info };
    },
    async authenticate(key) {
      if (!key.startsWith(keyPrefix)) return undefined;
      const rows = await store.sql.all(`SELECT * FROM ${table} WHERE key_digest = ? AND revoked_at IS NULL`, [digestOfKey(key)]);
      return rows[0] ? infoOf(rows[0]) : undefined;
    },
    async list() {
      return (await store.sql.all(`SELECT * FROM ${table} ORDER BY created_at, id`)).map(infoOf);
    },
    async isLive(id) {
      return (await store.sql.all(`SELECT 1 AS live FROM ${table} WHERE id = ? AND revoked_at IS NULL`, [id])).length > 0;
    },
    async revoke(id) {
      return (await store.sql.run(`UPDATE ${table} SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, [new Date().toISOString(), id])) > 0;
    },
  };
}
