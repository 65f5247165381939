// Tests for runIdempotentWrite: replay, key reuse, rollback and abort behaviour on a real SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CustomerServiceDatabase } from "./database.js";
import { openCustomerServiceDatabase } from "./database.js";
import { runIdempotentWrite } from "./idempotency.js";
import { createRecordingContext, fixedNow } from "./test-support/temp-catalog.js";

let directory: string;
let database: CustomerServiceDatabase;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "toolgate-idempotency-"));
  database = openCustomerServiceDatabase(join(directory, "db.sqlite"));
  database.exec("CREATE TABLE counter (n INTEGER NOT NULL)");
});
afterEach(() => {
  database.close();
  rmSync(directory, { recursive: true, force: true });
});

const rows = () => (database.prepare("SELECT count(*) AS n FROM counter").get() as { n: number }).n;

function insertRow(idempotencyKey: string, args: unknown = { a: 1 }, fail = false) {
  const { context, effects } = createRecordingContext({ idempotencyKey });
  const result = runIdempotentWrite({ database, tool: "insert_row", args, context, now: fixedNow }, () => {
    database.prepare("INSERT INTO counter (n) VALUES (1)").run();
    if (fail) throw new Error("business rule broken");
    return { result: { inserted: rows() }, effects: [{ kind: "row.insert", target: "counter" }] };
  });
  return { result, effects };
}

describe("runIdempotentWrite", () => {
  it("writes once per key and replays the stored result without effects", () => {
    const first = insertRow("k1");
    const replay = insertRow("k1");
    expect(first).toEqual({ result: { inserted: 1 }, effects: [{ kind: "row.insert", target: "counter" }] });
    expect(replay).toEqual({ result: { inserted: 1 }, effects: [] });
    expect(rows()).toBe(1);
    expect(insertRow("k2").result).toEqual({ inserted: 2 });
  });

  it("refuses a key reused for different arguments", () => {
    insertRow("k1", { a: 1 });
    expect(() => insertRow("k1", { a: 2 })).toThrow("idempotency key k1 was already used for a different insert_row call");
    expect(rows()).toBe(1);
  });

  it("rolls back a failed write and stores nothing, so a retry runs again", () => {
    expect(() => insertRow("k1", { a: 1 }, true)).toThrow("business rule broken");
    expect(rows()).toBe(0);
    expect(insertRow("k1").result).toEqual({ inserted: 1 });
  });

  it("does not deduplicate without a key", () => {
    insertRow("");
    insertRow("");
    expect(rows()).toBe(2);
  });

  it("refuses to start once the call's signal is aborted", () => {
    const { context, controller } = createRecordingContext({ idempotencyKey: "k1" });
    controller.abort();
    expect(() =>
      runIdempotentWrite({ database, tool: "insert_row", args: {}, context, now: fixedNow }, () => {
        database.prepare("INSERT INTO counter (n) VALUES (1)").run();
        return { result: null, effects: [] };
      }),
    ).toThrow(/abort/i);
    expect(rows()).toBe(0);
  });
});
