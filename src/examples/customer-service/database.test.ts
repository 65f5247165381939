// Tests for the database: schema, WAL on files, the deterministic seed and its integrity rules.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCustomerServiceDatabase } from "./database.js";
import { seedCustomerServiceDatabase, seedCustomers, servicePlans } from "./seed.js";
import { snapshotState } from "./snapshot.js";
import { fixedNow } from "./test-support/temp-catalog.js";

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "toolgate-database-"));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

function openSeeded(name: string, now = fixedNow) {
  const database = openCustomerServiceDatabase(join(directory, name));
  seedCustomerServiceDatabase(database, now);
  return database;
}

describe("openCustomerServiceDatabase", () => {
  it("uses WAL and foreign keys on a file", () => {
    const database = openSeeded("wal.sqlite");
    expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.pragma("foreign_keys", { simple: true })).toBe(1);
    database.close();
  });

  it("refuses a second live booking of one slot at the database level", () => {
    const database = openSeeded("unique.sqlite");
    const booked = database.prepare("SELECT slot_id FROM appointments WHERE status = 'booked' LIMIT 1").get() as { slot_id: string };
    expect(() =>
      database
        .prepare("INSERT INTO appointments (customer_id, slot_id, status, created_at, updated_at) VALUES ('C-1004', ?, 'booked', 'x', 'x')")
        .run(booked.slot_id),
    ).toThrow(/UNIQUE/);
    database.close();
  });
});

describe("seedCustomerServiceDatabase", () => {
  it("produces the same state for the same clock", () => {
    const first = openSeeded("a.sqlite");
    const second = openSeeded("b.sqlite");
    expect(snapshotState(first)).toEqual(snapshotState(second));
    first.close();
    second.close();
  });

  it("seeds customers, services and weekday slots around the clock's day", () => {
    const database = openSeeded("seed.sqlite");
    const state = snapshotState(database);
    expect(state.customers.map((row) => row.id)).toEqual(seedCustomers.map((customer) => customer.id));
    expect(state.services).toHaveLength(servicePlans.length);
    expect(state.staff).toHaveLength(5);
    expect(state.outbox).toEqual([]);
    const starts = state.slots.map((slot) => new Date(String(slot.starts_at)));
    for (const start of starts) expect([0, 6]).not.toContain(start.getUTCDay());
    expect(starts.some((start) => start < fixedNow)).toBe(true);
    expect(Math.max(...starts.map((start) => start.getTime()))).toBeLessThan(fixedNow.getTime() + 15 * 24 * 3600 * 1000);
    expect(state.appointments.map((row) => [row.id, row.customer_id, row.status])).toEqual([
      ["A-5001", "C-1001", "booked"],
      ["A-5002", "C-1002", "booked"],
      ["A-5003", "C-1003", "booked"],
      ["A-5004", "C-1005", "booked"],
      ["A-5005", "C-1001", "cancelled"],
      ["A-5006", "C-1002", "completed"],
      ["A-5007", "C-1007", "completed"],
    ]);
    database.close();
  });

  it("leaves an already seeded file alone, so state survives reopening", () => {
    const path = "reopen.sqlite";
    const database = openSeeded(path);
    database.prepare("UPDATE customers SET status = 'suspended' WHERE id = 'C-1001'").run();
    database.close();
    const reopened = openCustomerServiceDatabase(join(directory, path));
    expect(seedCustomerServiceDatabase(reopened, new Date("2030-01-01T00:00:00Z"))).toBe(false);
    expect(snapshotState(reopened).customers[0]).toMatchObject({ id: "C-1001", status: "suspended" });
    reopened.close();
  });

  it("seeds on any day of the week", () => {
    for (let day = 0; day < 7; day += 1) {
      const database = openCustomerServiceDatabase(":memory:");
      expect(seedCustomerServiceDatabase(database, new Date(fixedNow.getTime() + day * 24 * 3600 * 1000 + 14 * 3600 * 1000))).toBe(true);
      expect(snapshotState(database).appointments).toHaveLength(7);
      database.close();
    }
  });
});

describe("the database file", () => {
  it("is created owner-only (0600), with its WAL files, and an existing world-readable file is narrowed", () => {
    const path = join(directory, "cs.db");
    const database = openSeeded("cs.db");
    try {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      database.close();
    }
    const old = join(directory, "old.db");
    writeFileSync(old, "");
    chmodSync(old, 0o644);
    openCustomerServiceDatabase(old).close();
    expect(statSync(old).mode & 0o777).toBe(0o600);
  });
});

