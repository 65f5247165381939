// The audit store contract against a real SQLite file, plus what only the SQLite backend does: WAL with synchronous=FULL, in-memory stores.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openAuditStore } from "./open-store.js";
import { openSqliteBackend, rowsOfTracesSql } from "./sqlite-backend.js";
import { openStore } from "../store/index.js";
import type { SqliteStore } from "../store/index.js";
import { auditTables } from "./sql-shape.js";
import { sampleInputs } from "./test-support/memory-chain.js";
import { sqliteHarness } from "./test-support/raw-sql.js";
import { contractSigner, describeAuditStoreContract } from "./test-support/store-contract.js";

describeAuditStoreContract(sqliteHarness());

describe("sqlite audit store", () => {
  it("runs in WAL mode with synchronous=FULL and creates the directory it needs", async () => {
    const harness = sqliteHarness();
    const url = (await harness.freshUrl()).replace(/store-1\.db$/, "nested/dir/audit.db");
    const store = await openAuditStore(url, { signer: contractSigner });
    await store.append(sampleInputs(2));
    const db = new Database(url.slice("sqlite:".length), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    expect(store.url).toBe(url);
    await store.close();
    await harness.cleanup();
  });

  it("commits with synchronous=FULL by default and NORMAL for durability process-crash; the store appends and verifies with either", async () => {
    const harness = sqliteHarness();
    for (const [durability, expected] of [[undefined, 2], ["process-crash", 1]] as const) {
      const url = await harness.freshUrl();
      const opened = (await openStore(url, { cwd: process.cwd() })) as SqliteStore;
      const backend = openSqliteBackend(opened, undefined, { writerThread: "always", ...(durability ? { durability } : {}) });
      expect(opened.database.pragma("synchronous", { simple: true })).toBe(expected);
      await backend.close();
      // Through the store: appends land (the later ones in the writer thread, opened with the same setting) and verify.
      const store = await openAuditStore(url, { signer: contractSigner, writerThread: "always", ...(durability ? { durability } : {}) });
      for (let round = 0; round < 3; round++) await store.append(sampleInputs(2));
      expect((await store.verify()).ok).toBe(true);
      await store.close();
    }
    await harness.cleanup();
  });

  it("works in memory for tests that need no file", async () => {
    const store = await openAuditStore("sqlite::memory:", { signer: contractSigner });
    await store.append(sampleInputs(5));
    expect(await store.verify()).toEqual({ ok: true, eventsChecked: 5, checkpointsChecked: 0 });
    expect(store.url).toBe("sqlite::memory:");
    await store.close();
  });
});

describe("listTraces on SQLite reads only the page's traces", () => {
  it("plans the page query on the (trace_id, seq) index, not the (type, seq) one that walks every run", async () => {
    const harness = sqliteHarness();
    const url = await harness.freshUrl();
    const store = await openAuditStore(url, { signer: contractSigner });
    await store.append(sampleInputs(20));
    await store.close();
    const db = new Database(url.slice("sqlite:".length), { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${rowsOfTracesSql(auditTables.events, 3, 2)}`).all("a", "b", "c", "run.started", "run.finished") as Array<{ detail: string }>;
    db.close();
    expect(plan.map((row) => row.detail).join(" | ")).toMatch(new RegExp(`USING INDEX ${auditTables.events}_trace \\(trace_id=\\?\\)`));
    await harness.cleanup();
  });
});
