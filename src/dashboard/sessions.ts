// Signed-in sessions: random ids held in memory (a restart signs everyone out), each with its own CSRF token and expiry.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Principal } from "../record/index.js";
import type { DashboardRole } from "./roles.js";

export interface DashboardSession {
  id: string;
  principal: Principal;
  role: DashboardRole;
  /** Sent back with every state change (form field or header); a request from another site cannot know it. */
  csrfToken: string;
  /** The API key record the person signed in with, so revoking the key ends the session. */
  keyId: string;
  expiresAt: number;
}

export interface SessionStore {
  create(input: Omit<DashboardSession, "id" | "csrfToken" | "expiresAt">): DashboardSession;
  /** The live session with this id; an expired one is dropped. */
  get(id: string | undefined): DashboardSession | undefined;
  end(id: string): void;
  readonly size: number;
}

export const randomToken = () => randomBytes(32).toString("base64url");

export function createSessionStore(options: { ttlMs?: number; now?: () => number } = {}): SessionStore {
  const ttlMs = options.ttlMs ?? 8 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, DashboardSession>();
  const sweep = () => {
    const time = now();
    for (const [id, session] of sessions) if (session.expiresAt <= time) sessions.delete(id);
  };
  return {
    create(input) {
      if (sessions.size > 1000) sweep();
      const session: DashboardSession = { ...input, id: randomToken(), csrfToken: randomToken(), expiresAt: now() + ttlMs };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      if (id === undefined) return undefined;
      const session = sessions.get(id);
      if (session === undefined) return undefined;
      if (session.expiresAt <= now()) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },
    end(id) {
      sessions.delete(id);
    },
    get size() {
      return sessions.size;
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
