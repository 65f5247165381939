// openAuditStore picks the backend from the URL, resolves relative paths against cwd, and checks keys before touching storage.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { AuditConfigError } from "./errors.js";
import { defaultAuditStoreUrl, openAuditStore } from "./open-store.js";
import { createAuditSigner } from "./signer.js";

const dir = mkdtempSync(join(tmpdir(), "toolgate-open-store-"));
const signer = createAuditSigner({ hmacSecret: "open-store-test-secret" });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openAuditStore", () => {
  it("opens the default SQLite file under .toolgate/ relative to cwd", async () => {
    const store = await openAuditStore(defaultAuditStoreUrl, { signer, cwd: dir });
    expect(store.url).toBe(`sqlite:${join(dir, ".toolgate", "audit.db")}`);
    expect(existsSync(join(dir, ".toolgate", "audit.db"))).toBe(true);
    expect(await store.head()).toMatchObject({ headSeq: 0, headHash: "0".repeat(64), keyId: signer.keyId });
    await store.close();
  });

  it("opens without a signer only where a store exists, creating nothing", async () => {
    const path = join(dir, "absent.db");
    await expect(openAuditStore(`sqlite:${path}`, { verifier: signer.verifier })).rejects.toThrow(/there is no audit store at .*absent\.db — check the sqlite:<path>/);
    await expect(openAuditStore(`sqlite:${path}`, {})).rejects.toThrow(AuditConfigError);
    expect(existsSync(path)).toBe(false);
  });

  it("reads read-only even with a signer, and leaves a SQLite file that is no audit store untouched", async () => {
    const other = join(dir, "other.db");
    const plain = await openStore(`sqlite:${other}`);
    await plain.sql.run("CREATE TABLE notes (v TEXT)");
    await plain.close();
    await expect(openAuditStore(`sqlite:${other}`, { signer, readOnly: true })).rejects.toThrow(/there is no audit store at .*other\.db/);
    const check = await openStore(`sqlite:${other}`, { readOnly: true });
    expect(await check.sql.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toEqual([{ name: "notes" }]);
    await check.close();

    const written = await openAuditStore(`sqlite:${join(dir, "trail.db")}`, { signer });
    await written.close();
    const reader = await openAuditStore(`sqlite:${join(dir, "trail.db")}`, { signer, readOnly: true });
    expect(await reader.head()).toMatchObject({ headSeq: 0, keyId: signer.keyId });
    await reader.close();
  });

  it("rejects an unknown URL scheme with the accepted forms", async () => {
    await expect(openAuditStore("mongodb://localhost/audit", { signer })).rejects.toThrow(/use sqlite:<path>/);
  });

  it("rejects a nonsensical checkpoint interval", async () => {
    await expect(openAuditStore("sqlite::memory:", { signer, checkpointEvery: 0 })).rejects.toThrow(/checkpointEvery 0 is not a positive integer/);
  });
});
