// API keys: only digests are stored, principals round-trip, revoked keys stop authenticating.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import type { OpenedStore } from "../store/index.js";
import { openApiKeyStore } from "./api-keys.js";

let dir: string;
let store: OpenedStore | undefined;
afterEach(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("openApiKeyStore", () => {
  it("stores a digest of the key, never the key, and maps it to the principal until revoked", async () => {
    dir = mkdtempSync(join(tmpdir(), "toolgate-keys-"));
    store = await openStore(`sqlite:${join(dir, "keys.db")}`);
    const keys = await openApiKeyStore(store);
    const { key, info } = await keys.create({ id: "alice", roles: ["user", "support"], tenant: "acme" });
    expect(key).toMatch(/^tgk_[A-Za-z0-9_-]{43}$/);
    const rows = await store.sql.all("SELECT * FROM toolgate_api_keys");
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows[0]!.key_digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await keys.authenticate(key))?.principal).toEqual({ id: "alice", roles: ["user", "support"], tenant: "acme" });
    expect(await keys.authenticate(`${key}x`)).toBeUndefined();
    expect(await keys.isLive(info.id)).toBe(true);
    expect(await keys.revoke(info.id)).toBe(true);
    expect(await keys.isLive(info.id)).toBe(false);
    expect(await keys.isLive("no-such-id")).toBe(false);
    expect(await keys.revoke(info.id)).toBe(false);
    expect(await keys.authenticate(key)).toBeUndefined();
    expect((await keys.list())[0]).toMatchObject({ id: info.id, revokedAt: expect.any(String) });
    expect(statSync(join(dir, "keys.db")).mode & 0o777).toBe(0o600);
  });

  it("works the same on PostgreSQL (own schema), so replicas share one key table", async () => {
    dir = mkdtempSync(join(tmpdir(), "toolgate-keys-pg-"));
    const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
    const schema = `gateway_keys_${process.pid}`;
    store = await openStore(`${pgUrl}?schema=${schema}`);
    const first = await openApiKeyStore(store);
    const second = await openApiKeyStore(store);
    const { key, info } = await first.create({ id: "bob", roles: ["agent"] });
    expect((await second.authenticate(key))?.principal).toEqual({ id: "bob", roles: ["agent"] });
    await second.revoke(info.id);
    expect(await first.authenticate(key)).toBeUndefined();
    if (store.kind === "postgres") await store.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  });
});
