// Signed-in sessions kept in a store (SQLite or PostgreSQL), so every worker and replica on that store shares them:
// only a digest of the session id is stored, with the principal, role, key id, CSRF token, expiry and last use.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Principal } from "../record/index.js";
import type { SqlDriver } from "../store/index.js";
import type { DashboardRole } from "./roles.js";
import { dashboardRoles } from "./roles.js";

export interface DashboardSession {
  id: string;
  principal: Principal;
  role: DashboardRole;
  /** Sent back with every state change (form field or header); a request from another site cannot know it. */
  csrfToken: string;
  /** The API key record the person signed in with, so revoking the key ends the session. */
  keyId: string;
  expiresAt: number;
  lastSeenAt: number;
}

export interface SessionStore {
  create(input: Pick<DashboardSession, "principal" | "role" | "keyId">): Promise<DashboardSession>;
  /** The live session with this id; an expired or idle one is deleted and undefined is returned. */
  get(id: string | undefined): Promise<DashboardSession | undefined>;
  end(id: string): Promise<void>;
  /** Ends every session signed in with this key (e.g. when it is found revoked). */
  endForKey(keyId: string): Promise<number>;
  /** Live sessions (for tests and the overview); expired ones are swept first. */
  count(): Promise<number>;
}

export interface SessionStoreOptions {
  /** A session ends this long after sign-in, whatever happens (default 8 hours). */
  ttlMs?: number;
  /** A session ends after this long without a request (default 1 hour). */
  idleMs?: number;
  now?: () => number;
}

export const randomToken = () => randomBytes(32).toString("base64url");

// Session ids are 32 random bytes, so a plain SHA-256 is enough: someone who reads the table cannot sign in with it.
const digestOf = (id: string) => createHash("sha256").update(id).digest("hex");

/** Last use is written at most this often, so reading pages does not turn into one write per request. */
const touchEveryMs = 60_000;

/** Opens (creating when needed) the session table in a store the dashboard shares with the gateway's API keys. */
export async function openSessionStore(sql: SqlDriver, options: SessionStoreOptions = {}): Promise<SessionStore> {
  const ttlMs = options.ttlMs ?? 8 * 60 * 60 * 1000;
  const idleMs = options.idleMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const table = sql.qualify("toolgate_dashboard_sessions");
  await sql.run(
    `CREATE TABLE IF NOT EXISTS ${table} (id_digest TEXT PRIMARY KEY, principal TEXT NOT NULL, role TEXT NOT NULL, key_id TEXT NOT NULL, csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL)`,
  );
  await sql.run(`CREATE INDEX IF NOT EXISTS toolgate_dashboard_sessions_key ON ${table} (key_id)`);
  let lastSweep = 0;
  const sweep = async (time: number) => {
    lastSweep = time;
    await sql.run(`DELETE FROM ${table} WHERE expires_at <= ? OR last_seen_at <= ?`, [time, time - idleMs]);
  };
  return {
    async create(input) {
      const time = now();
      if (time - lastSweep > touchEveryMs) await sweep(time);
      const session: DashboardSession = { ...input, id: randomToken(), csrfToken: randomToken(), expiresAt: time + ttlMs, lastSeenAt: time };
      await sql.run(`INSERT INTO ${table} (id_digest, principal, role, key_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        digestOf(session.id),
        JSON.stringify(session.principal),
        session.role,
        session.keyId,
        session.csrfToken,
        time,
        session.expiresAt,
        time,
      ]);
      return session;
    },
    async get(id) {
      if (id === undefined || id.length === 0) return undefined;
      const digest = digestOf(id);
      const [row] = await sql.all(`SELECT * FROM ${table} WHERE id_digest = ?`, [digest]);
      if (row === undefined) return undefined;
      const time = now();
      const expiresAt = Number(row.expires_at);
      const lastSeenAt = Number(row.last_seen_at);
      const role = String(row.role);
      if (expiresAt <= time || lastSeenAt <= time - idleMs || !(dashboardRoles as readonly string[]).includes(role)) {
        await sql.run(`DELETE FROM ${table} WHERE id_digest = ?`, [digest]);
        return undefined;
      }
      if (time - lastSeenAt >= touchEveryMs) await sql.run(`UPDATE ${table} SET last_seen_at = ? WHERE id_digest = ?`, [time, digest]);
      return {
        id,
        principal: JSON.parse(String(row.principal)) as Principal,
        role: role as DashboardRole,
        keyId: String(row.key_id),
        csrfToken: String(row.csrf_token),
        expiresAt,
        lastSeenAt: time - lastSeenAt >= touchEveryMs ? time : lastSeenAt,
      };
    },
    async end(id) {
      await sql.run(`DELETE FROM ${table} WHERE id_digest = ?`, [digestOf(id)]);
    },
    async endForKey(keyId) {
      return sql.run(`DELETE FROM ${table} WHERE key_id = ?`, [keyId]);
    },
    async count() {
      await sweep(now());
      const [row] = await sql.all(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(row?.n ?? 0);
    },
  };
}

/** Constant-time comparison, so the token cannot be guessed a byte at a time from response times. */
export function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
