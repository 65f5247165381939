// Tests for snapshotState: plain JSON, stable order, and a faithful picture of changes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { snapshotState } from "./snapshot.js";
import { openTempCatalog } from "./test-support/temp-catalog.js";
import type { TempCatalog } from "./test-support/temp-catalog.js";

let temp: TempCatalog;
beforeEach(() => {
  temp = openTempCatalog();
});
afterEach(() => temp.cleanup());

describe("snapshotState", () => {
  it("is plain JSON with every domain table and no bookkeeping tables or internal keys", () => {
    const snapshot = snapshotState(temp.catalog.database);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(Object.keys(snapshot).sort()).toEqual(["appointments", "customers", "outbox", "refunds", "services", "slots", "staff"]);
    expect(snapshot.appointments[0]).not.toHaveProperty("number");
    expect(JSON.stringify(snapshot)).not.toContain("idempotency");
  });

  it("shows exactly what a tool changed", async () => {
    const before = snapshotState(temp.catalog.database);
    await temp.run("issue_refund", { customer_id: "C-1002", amount_cents: 1_000, reason: "Late appointment start" });
    const after = snapshotState(temp.catalog.database);
    expect(after.refunds.length).toBe(before.refunds.length + 1);
    expect({ ...after, refunds: before.refunds }).toEqual(before);
  });
});
