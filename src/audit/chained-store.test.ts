// The shared store layer: a failed transaction fails only its own appends, salts keep digests across keys, a missing head stops writes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { genesisHash } from "./chain.js";
import { createChainedStore } from "./chained-store.js";
import { signHead } from "./checkpoint.js";
import { openAuditStore } from "./open-store.js";
import { createAuditSigner } from "./signer.js";
import { openSqliteBackend } from "./sqlite-backend.js";
import { auditTables } from "./sql-shape.js";
import { sampleInputs } from "./test-support/memory-chain.js";

const signer = createAuditSigner({ hmacSecret: "chained-store-test-secret" });
const dir = mkdtempSync(join(tmpdir(), "toolgate-chained-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("createChainedStore", () => {
  it("rejects every append of a failed transaction, writes nothing of it, and carries on", async () => {
    const memory = await openStore("sqlite::memory:");
    if (memory.kind !== "sqlite") throw new Error("expected an in-memory SQLite store");
    const backend = openSqliteBackend(memory, signHead(signer, { seq: 0, hash: genesisHash, lastCheckpointSeq: 0 }, "2026-01-01T00:00:00.000Z"));
    let failNext = true;
    const flaky = {
      ...backend,
      writeBatch: ((pruneBeforeMs, build) =>
        backend.writeBatch(pruneBeforeMs, (head, cut) => {
          const plan = build(head, cut);
          if (failNext) {
            failNext = false;
            throw new Error("disk I/O error");
          }
          return plan;
        })) as typeof backend.writeBatch,
    };
    const store = createChainedStore(flaky, { signer });
    const results = await Promise.allSettled([store.append(sampleInputs(2)), store.append(sampleInputs(1))]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(await store.read()).toEqual([]);
    const [event] = await store.append(sampleInputs(1));
    expect(event!.seq).toBe(1);
    expect(await store.verify()).toMatchObject({ ok: true, eventsChecked: 1 });
    await store.close();
  });

  it("digests redacted values under a configured salt, so they stay comparable across signing keys", async () => {
    const input = { ...sampleInputs(2)[1]!, redact: ["/arguments/id"] };
    const digest = async (key: string, salt?: string) => {
      const store = await openAuditStore("sqlite::memory:", { signer: createAuditSigner({ hmacSecret: key }), ...(salt === undefined ? {} : { redactionSalt: salt }) });
      const [event] = await store.append([input]);
      await store.close();
      return JSON.stringify(event!.data);
    };
    expect(await digest("first-key-for-test", "shared-salt-value")).toBe(await digest("second-key-for-test", "shared-salt-value"));
    expect(await digest("first-key-for-test")).not.toBe(await digest("second-key-for-test"));
  });

  it("refuses to write when the head record is gone, naming verify and restore", async () => {
    const path = join(dir, "headless.db");
    const store = await openAuditStore(`sqlite:${path}`, { signer });
    await store.append(sampleInputs(3));
    await store.close();
    const db = new Database(path);
    db.prepare(`DELETE FROM ${auditTables.head}`).run();
    db.close();
    const reopened = await openAuditStore(`sqlite:${path}`, { signer });
    await expect(reopened.append(sampleInputs(1))).rejects.toThrow(/signed head record .* is missing.* restore the head record/);
    expect((await reopened.verify()).firstProblem).toMatchObject({ seq: 5, kind: "missing-tail" });
    await reopened.close().catch(() => undefined);
  });

  it("commits what was queued before close, then refuses new appends while closing", async () => {
    const store = await openAuditStore("sqlite::memory:", { signer });
    const queued = store.append(sampleInputs(2));
    const closing = store.close();
    await expect(store.append(sampleInputs(1))).rejects.toThrow(/is closed/);
    expect((await queued).map((event) => event.seq)).toEqual([1, 2]);
    await closing;
  });

  it("counts transactions and appends", async () => {
    const store = await openAuditStore("sqlite::memory:", { signer });
    await Promise.all([store.append(sampleInputs(1)), store.append(sampleInputs(1)), store.append(sampleInputs(1))]);
    expect(store.stats).toMatchObject({ entries: 3, transactions: 1, largestBatch: 3 });
    await store.close();
  });
});
