// The capture store on real SQLite and real PostgreSQL: save, replace, filter, eval marks, retention, read-only opens.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { CapturedTrace } from "./captured-trace.js";
import { CaptureStoreError, openCaptureStore } from "./capture-store.js";

const pgUrl = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `c_capture_${randomBytes(4).toString("hex")}`;
const dir = mkdtempSync(join(tmpdir(), "c-capture-"));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

function captured(traceId: string, startedAt: string, principal?: string): CapturedTrace {
  return {
    traceId,
    source: "run",
    model: "test:model",
    ...(principal ? { principal: { id: principal } } : {}),
    startedAt,
    finishedAt: startedAt,
    stopReason: "no-tool-calls",
    messages: [
      { role: "user", content: `question of ${traceId}` },
      { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "find_customer", arguments: '{"email":"a@b.c"}' }] },
      { role: "tool", callId: "c1", toolName: "find_customer", content: '{"ok":true,"result":{}}' },
      { role: "assistant", content: "done" },
    ],
    tools: [{ name: "find_customer", description: "find one", inputSchema: { type: "object", properties: { email: { type: "string" } } } }],
    steps: [{ index: 0, exposedTools: ["find_customer"] }],
    redactions: 0,
  };
}

const stores: Array<[string, string]> = [
  ["sqlite", `sqlite:${join(dir, "capture.db")}`],
  ["postgres", `${pgUrl}?schema=${schema}`],
];

describe.each(stores)("%s capture store", (_kind, url) => {
  it("keeps content by trace id, replaces a run captured again, filters by time and principal, and prunes old runs", async () => {
    const store = await openCaptureStore(url);
    try {
      await store.save(captured("t-old", "2026-01-01T00:00:00.000Z", "alice"));
      await store.save(captured("t-mid", "2026-06-01T00:00:00.000Z", "bob"));
      await store.save({ ...captured("t-new", "2026-12-01T00:00:00.000Z", "alice"), evalCase: { id: "case-1", passed: true } });
      const again = captured("t-mid", "2026-06-01T00:00:00.000Z", "bob");
      again.messages.push({ role: "user", content: "and a follow-up" });
      await store.save(again);

      const mid = await store.get("t-mid");
      expect(mid?.messages.at(-1)).toEqual({ role: "user", content: "and a follow-up" });
      expect(mid?.messages[1]).toEqual({ role: "assistant", content: "", toolCalls: [{ id: "c1", name: "find_customer", arguments: '{"email":"a@b.c"}' }] });
      expect(mid?.principal).toEqual({ id: "bob" });
      expect((await store.list()).map((trace) => trace.traceId)).toEqual(["t-old", "t-mid", "t-new"]);
      expect((await store.list({ principal: "alice" })).map((trace) => trace.traceId)).toEqual(["t-old", "t-new"]);
      expect((await store.list({ since: "2026-03-01", until: "2026-12-01T00:00:00.000Z" })).map((trace) => trace.traceId)).toEqual(["t-mid"]);
      expect((await store.get("t-new"))?.evalCase).toEqual({ id: "case-1", passed: true });

      expect(await store.markEvalCase("t-old", { id: "case-0", passed: false })).toBe(true);
      expect(await store.markEvalCase("nope", { id: "case-9", passed: true })).toBe(false);
      expect((await store.get("t-old"))?.evalCase).toEqual({ id: "case-0", passed: false });
      // What eval run's cache asks before reusing a cached result: is this case's run by this model captured?
      const model = (await store.get("t-old"))?.model as string;
      expect(await store.hasEvalCase("case-0", model)).toBe(true);
      expect(await store.hasEvalCase("case-0", `${model}-other`)).toBe(false);
      expect(await store.hasEvalCase("case-9", model)).toBe(false);

      expect(await store.prune({ before: "2026-07-01T00:00:00.000Z" })).toEqual({ removed: 2 });
      expect((await store.list()).map((trace) => trace.traceId)).toEqual(["t-new"]);
      await expect(store.prune({ before: "last tuesday" })).rejects.toThrow(/ISO date/);
    } finally {
      await store.close();
    }
    const reader = await openCaptureStore(url, { readOnly: true });
    try {
      expect((await reader.list()).map((trace) => trace.traceId)).toEqual(["t-new"]);
    } finally {
      await reader.close();
    }
  });
});

describe("capture store errors", () => {
  it("a read-only open of a missing SQLite file names the store and creates nothing", async () => {
    await expect(openCaptureStore(`sqlite:${join(dir, "missing.db")}`, { readOnly: true })).rejects.toThrow(CaptureStoreError);
    await expect(openCaptureStore(`sqlite:${join(dir, "missing.db")}`, { readOnly: true })).rejects.toThrow(/capture store/);
  });

  it("a read-only open of a database that never captured anything says so", async () => {
    const other = `sqlite:${join(dir, "other.db")}`;
    const { openStore } = await import("../store/index.js");
    const plain = await openStore(other);
    await plain.sql.run("CREATE TABLE something_else (x INTEGER)");
    await plain.close();
    await expect(openCaptureStore(other, { readOnly: true })).rejects.toThrow(/holds no captured content \(record some with --capture/);
  });
});
