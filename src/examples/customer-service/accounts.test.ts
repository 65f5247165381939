// Tests for the accounts tools against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { refundCapCents } from "./accounts.js";
import { snapshotState } from "./snapshot.js";
import { fixedNow, openTempCatalog } from "./test-support/temp-catalog.js";
import type { TempCatalog } from "./test-support/temp-catalog.js";

interface CustomerMatches {
  matches: { customer_id: string; name: string; email: string; status: string }[];
  count: number;
}

let temp: TempCatalog;
beforeEach(() => {
  temp = openTempCatalog();
});
afterEach(() => temp.cleanup());

const customerRow = (id: string) => snapshotState(temp.catalog.database).customers.find((row) => row.id === id);

describe("find_customer", () => {
  it("finds by email ignoring case, by phone digits, and by name fragment", async () => {
    const byEmail = (await temp.run<CustomerMatches>("find_customer", { email: "Maria.Lopez@EXAMPLE.com" })).result;
    expect(byEmail.matches.map((match) => match.customer_id)).toEqual(["C-1001"]);
    const byPhone = (await temp.run<CustomerMatches>("find_customer", { phone: "(415) 555-0102" })).result;
    expect(byPhone.matches.map((match) => match.customer_id)).toEqual(["C-1002"]);
    const byName = (await temp.run<CustomerMatches>("find_customer", { name: "chen" })).result;
    expect(byName).toMatchObject({ count: 2, matches: [{ customer_id: "C-1002", name: "James Chen" }, { customer_id: "C-1004", name: "Jamie Chen" }] });
    const both = (await temp.run<CustomerMatches>("find_customer", { name: "Chen", email: "jamie.chen@example.org" })).result;
    expect(both.matches.map((match) => match.customer_id)).toEqual(["C-1004"]);
  });

  it("treats LIKE wildcards literally and returns no matches rather than an error", async () => {
    expect((await temp.run<CustomerMatches>("find_customer", { name: "%%" })).result).toEqual({ matches: [], count: 0 });
  });

  it("asks for a criterion or more phone digits when the search is too vague", async () => {
    await expect(temp.run("find_customer", {})).rejects.toThrow("give at least one of email, phone or name");
    await expect(temp.run("find_customer", { phone: "0102" })).rejects.toThrow(/at least 6 digits/);
  });
});

describe("get_account_summary", () => {
  it("reports balance, payments, refunds and the next appointment", async () => {
    const { result } = await temp.run("get_account_summary", { customer_id: "C-1007" });
    expect(result).toMatchObject({
      customer_id: "C-1007",
      tier: "premier",
      status: "active",
      balance_cents: 0,
      paid_cents: 95_000,
      refunded_cents: 5_000,
      refundable_cents: 90_000,
      upcoming_appointment_count: 0,
      next_appointment: null,
    });
    const maria = (await temp.run<{ next_appointment: { appointment_id: string } }>("get_account_summary", { customer_id: "C-1001" })).result;
    expect(maria.next_appointment.appointment_id).toBe("A-5001");
    await expect(temp.run("get_account_summary", { customer_id: "C-4040" })).rejects.toThrow(/unknown customer id C-4040; call find_customer/);
  });
});

describe("update_contact_details", () => {
  it("updates email and phone, and the effect names the fields without their sensitive values", async () => {
    expect(temp.tool("update_contact_details").sensitive).toEqual(["/email", "/phone"]);
    const { result, effects } = await temp.run("update_contact_details", { customer_id: "C-1002", email: "jchen@example.net", phone: "+14155559999" });
    expect(result).toEqual({ customer_id: "C-1002", updated_fields: ["email", "phone"] });
    expect(effects).toEqual([{ kind: "row.update", target: "customers", detail: { id: "C-1002", fields: ["email", "phone"] } }]);
    expect(JSON.stringify(effects)).not.toContain("jchen");
    expect(customerRow("C-1002")).toMatchObject({ email: "jchen@example.net", phone: "+14155559999" });
  });

  it("refuses an email another account uses, a closed account, and an empty update", async () => {
    await expect(temp.run("update_contact_details", { customer_id: "C-1002", email: "MARIA.lopez@example.com" })).rejects.toThrow(
      /already belongs to another customer account/,
    );
    await expect(temp.run("update_contact_details", { customer_id: "C-1008", phone: "+14155550000" })).rejects.toThrow(/account is closed/);
    await expect(temp.run("update_contact_details", { customer_id: "C-1002" })).rejects.toThrow(/nothing to update/);
    expect(customerRow("C-1002")).toMatchObject({ email: "james.chen@example.com" });
  });

  it("changes nothing and declares nothing when the values are already on file", async () => {
    const { result, effects } = await temp.run("update_contact_details", { customer_id: "C-1003", phone: "+442079460103" });
    expect(result).toEqual({ customer_id: "C-1003", updated_fields: [] });
    expect(effects).toEqual([]);
  });
});

describe("issue_refund", () => {
  it("records the refund, reduces what is refundable and declares the money movement", async () => {
    const { result, effects } = await temp.run("issue_refund", { customer_id: "C-1001", amount_cents: 2_500, reason: "Overcharged for check-up" });
    expect(result).toEqual({
      refund_id: "R-2",
      customer_id: "C-1001",
      amount_cents: 2_500,
      reason: "Overcharged for check-up",
      refundable_remaining_cents: 45_500,
      status: "issued",
    });
    expect(effects).toEqual([{ kind: "money.refund", target: "C-1001", detail: { refund_id: "R-2", amount_cents: 2_500 } }]);
    expect(snapshotState(temp.catalog.database).refunds.at(-1)).toEqual({
      id: "R-2",
      customer_id: "C-1001",
      amount_cents: 2_500,
      reason: "Overcharged for check-up",
      created_at: fixedNow.toISOString(),
    });
  });

  it("refuses amounts above the cap or above what the customer paid, unknown customers and missing reasons", async () => {
    const before = snapshotState(temp.catalog.database);
    await expect(temp.run("issue_refund", { customer_id: "C-1007", amount_cents: refundCapCents + 1, reason: "Goodwill gesture" })).rejects.toThrow(
      /above the per-refund cap of 20000 cents \(\$200\.00\)/,
    );
    await expect(temp.run("issue_refund", { customer_id: "C-1004", amount_cents: 100, reason: "Goodwill gesture" })).rejects.toThrow(
      "customer C-1004 has only 0 cents ($0.00) refundable",
    );
    await expect(temp.run("issue_refund", { customer_id: "C-9999", amount_cents: 100, reason: "Goodwill gesture" })).rejects.toThrow(/unknown customer id C-9999/);
    await expect(temp.run("issue_refund", { customer_id: "C-1001", amount_cents: 100, reason: "  " })).rejects.toThrow(/needs a reason/);
    await expect(temp.run("issue_refund", { customer_id: "C-1001", amount_cents: 10.5, reason: "Goodwill gesture" })).rejects.toThrow(/whole number of cents/);
    expect(snapshotState(temp.catalog.database)).toEqual(before);
  });

  it("does not refund twice when a call is retried with the same idempotency key", async () => {
    const args = { customer_id: "C-1005", amount_cents: 4_000, reason: "Cancelled by clinic" };
    const first = await temp.run("issue_refund", args, { idempotencyKey: "refund-key" });
    const retry = await temp.run("issue_refund", args, { idempotencyKey: "refund-key" });
    expect(retry.result).toEqual(first.result);
    expect(first.effects).toHaveLength(1);
    expect(retry.effects).toEqual([]);
    expect(snapshotState(temp.catalog.database).refunds.filter((row) => row.customer_id === "C-1005")).toHaveLength(1);
    const fresh = await temp.run("issue_refund", args, { idempotencyKey: "another-key" });
    expect(fresh.result).toMatchObject({ refund_id: "R-3", refundable_remaining_cents: 14_000 });
  });
});

describe("close_account", () => {
  it("closes the account and cancels its upcoming appointments in one transaction", async () => {
    const { result, effects } = await temp.run("close_account", { customer_id: "C-1001", reason: "Moving to another city" });
    expect(result).toEqual({ customer_id: "C-1001", status: "closed", closed_at: fixedNow.toISOString(), cancelled_appointment_ids: ["A-5001"] });
    expect(effects).toEqual([
      { kind: "row.update", target: "customers", detail: { id: "C-1001", status: "closed" } },
      { kind: "row.update", target: "appointments", detail: { id: "A-5001", status: "cancelled" } },
    ]);
    const state = snapshotState(temp.catalog.database);
    expect(state.customers.find((row) => row.id === "C-1001")).toMatchObject({ status: "closed", closure_reason: "Moving to another city" });
    expect(state.appointments.find((row) => row.id === "A-5001")).toMatchObject({ status: "cancelled", cancellation_reason: "account closed" });
  });

  it("refuses an account that owes money or is already closed", async () => {
    await expect(temp.run("close_account", { customer_id: "C-1003", reason: "No longer needed" })).rejects.toThrow(
      "customer C-1003 still owes 4500 cents ($45.00); the balance must be settled before closing the account",
    );
    await expect(temp.run("close_account", { customer_id: "C-1008", reason: "No longer needed" })).rejects.toThrow(/already closed/);
    expect(customerRow("C-1003")).toMatchObject({ status: "active" });
  });
});
