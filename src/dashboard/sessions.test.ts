// Dashboard sessions in the store: two app instances (two workers, or two replicas) on one key store share a session,
// revoking the key ends it on the next request, sign-out deletes it everywhere, and expiry and idleness end it too.
// On SQLite (a file both open) and PostgreSQL (one schema, two pools).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainedAuditStore } from "../audit/index.js";
import { createAuditSigner, openAuditStore } from "../audit/index.js";
import { openApiKeyStore } from "../server/index.js";
import type { OpenedStore } from "../store/index.js";
import { openStore } from "../store/index.js";
import { createDashboardApp, openRunIndex, openSessionStore } from "./index.js";
import type { SessionStoreOptions } from "./index.js";
import { cookieBrowser } from "./test-support/cookie-browser.js";

const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
let dir: string;
let audit: ChainedAuditStore;
let index: OpenedStore;
const opened: OpenedStore[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "toolgate-dashboard-sessions-"));
  audit = await openAuditStore(`sqlite:${join(dir, "audit.db")}`, { signer: createAuditSigner({ hmacSecret: "dashboard-sessions-test-key-0123456789" }) });
  index = await openStore(`sqlite:${join(dir, "dashboard.db")}`);
});
afterAll(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  await audit?.close();
  await index?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One dashboard instance with its own connection to the key store, as a worker or a replica has. */
async function instance(keyStoreUrl: string, sessionOptions: SessionStoreOptions = {}) {
  const keyStore = await openStore(keyStoreUrl, { what: "key store" });
  opened.push(keyStore);
  const keys = await openApiKeyStore(keyStore);
  const sessions = await openSessionStore(keyStore.sql, sessionOptions);
  const app = createDashboardApp({ audit, keys, sessions, runIndex: await openRunIndex(index.sql, audit), base: "" });
  return { keyStore, keys, sessions, app };
}

const signedInStatus = async (browser: ReturnType<typeof cookieBrowser>) => (await browser.request("/api/runs", { headers: { accept: "application/json" } })).status;

for (const kind of ["sqlite", "postgres"] as const) {
  describe(`dashboard sessions in the store (${kind})`, () => {
    const schema = `dashboard_sessions_${process.pid}`;
    const url = () => (kind === "sqlite" ? `sqlite:${join(dir, "keys.db")}` : `${pgUrl}?schema=${schema}`);
    afterAll(async () => {
      if (kind !== "postgres") return;
      const cleanup = await openStore(url());
      if (cleanup.kind === "postgres") await cleanup.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await cleanup.close();
    });

    it("shares a session between two instances, ends it for both on key revocation, and stores only a digest of the id", async () => {
      const first = await instance(url());
      const second = await instance(url());
      const { key, info } = await first.keys.create({ id: `vera-${kind}`, roles: ["viewer"] });
      const person = cookieBrowser(first.app);
      expect((await person.signIn(key)).status).toBe(303);
      const sessionId = person.cookies.get("toolgate_session")!;
      expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);

      // The same cookie, sent to the other instance: signed in there too.
      const sameCookieElsewhere = cookieBrowser(second.app);
      sameCookieElsewhere.cookies.set("toolgate_session", sessionId);
      expect(await signedInStatus(sameCookieElsewhere)).toBe(200);
      expect(await (await sameCookieElsewhere.request("/runs")).text()).toContain(`vera-${kind} · viewer`);

      const rows = await first.keyStore.sql.all(`SELECT * FROM ${first.keyStore.sql.qualify("toolgate_dashboard_sessions")}`);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(sessionId);
      expect(rows[0]).toMatchObject({ key_id: info.id, role: "viewer" });

      // Revoked through the other connection (as `toolgate keys revoke` would): the next request is refused on both.
      expect(await second.keys.revoke(info.id)).toBe(true);
      const page = await sameCookieElsewhere.request("/runs");
      expect(page.status).toBe(303);
      expect(page.headers.get("location")).toBe("/sign-in");
      expect(await signedInStatus(person)).toBe(401);
      expect(await first.sessions.count()).toBe(0);
    });

    it("signs out everywhere: the old cookie replayed at the other instance is refused", async () => {
      const first = await instance(url());
      const second = await instance(url());
      const { key } = await first.keys.create({ id: `alex-${kind}`, roles: ["approver"] });
      const person = cookieBrowser(first.app);
      await person.signIn(key);
      const sessionId = person.cookies.get("toolgate_session")!;
      const csrf = await person.csrf();
      // Sign-out is a state change: without the CSRF token it is refused and the session lives on.
      expect((await person.request("/sign-out", person.form({}))).status).toBe(403);
      expect(await signedInStatus(person)).toBe(200);
      expect((await person.request("/sign-out", person.form({ _csrf: csrf }))).status).toBe(303);
      const replay = cookieBrowser(second.app);
      replay.cookies.set("toolgate_session", sessionId);
      expect(await signedInStatus(replay)).toBe(401);
    });

    it("ends a session at its expiry and after it sits idle", async () => {
      let time = Date.parse("2026-12-07T10:00:00Z");
      const clock = { now: () => time, ttlMs: 8 * 3_600_000, idleMs: 3_600_000 };
      const first = await instance(url(), clock);
      const second = await instance(url(), clock);
      const { key } = await first.keys.create({ id: `ada-${kind}`, roles: ["admin"] });
      const person = cookieBrowser(first.app);
      await person.signIn(key);
      // Used every 50 minutes: never idle for an hour, so it lives until the 8-hour expiry, on either instance.
      for (let hop = 0; hop < 9; hop++) {
        time += 50 * 60_000;
        const browser = hop % 2 === 0 ? cookieBrowser(second.app) : person;
        browser.cookies.set("toolgate_session", person.cookies.get("toolgate_session")!);
        expect(await signedInStatus(browser)).toBe(200);
      }
      time += 40 * 60_000; // 8 h 10 min after sign-in
      expect(await signedInStatus(person)).toBe(401);

      const idle = cookieBrowser(first.app);
      await idle.signIn(key);
      time += 61 * 60_000;
      expect(await signedInStatus(idle)).toBe(401);
    });
  });
}
