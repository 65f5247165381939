// A plain-JSON picture of the domain tables, so evaluations can compare state before and after a run.
import type { CustomerServiceDatabase } from "./database.js";

export interface CustomerServiceSnapshot {
  customers: Record<string, string | number | null>[];
  staff: Record<string, string | number | null>[];
  services: Record<string, string | number | null>[];
  slots: Record<string, string | number | null>[];
  appointments: Record<string, string | number | null>[];
  refunds: Record<string, string | number | null>[];
  outbox: Record<string, string | number | null>[];
}

// Explicit columns and orders: the snapshot is compared as data, so it must not depend on
// internal keys (`number`) or on the order SQLite happens to return rows in.
const snapshotQueries: Record<keyof CustomerServiceSnapshot, string> = {
  customers:
    "SELECT id, name, email, phone, tier, status, balance_cents, paid_cents, member_since, closed_at, closure_reason FROM customers ORDER BY id",
  staff: "SELECT id, name, role FROM staff ORDER BY id",
  services: "SELECT id, name, staff_id, duration_minutes, price_cents FROM services ORDER BY id",
  slots: "SELECT id, service_id, staff_id, starts_at, ends_at FROM slots ORDER BY number",
  appointments: "SELECT id, customer_id, slot_id, status, notes, created_at, updated_at, cancellation_reason FROM appointments ORDER BY number",
  refunds: "SELECT id, customer_id, amount_cents, reason, created_at FROM refunds ORDER BY number",
  outbox: "SELECT id, to_address, customer_id, subject, body, status, campaign_id, created_at FROM outbox ORDER BY number",
};

/** Reads every domain table in one read transaction, so the snapshot is consistent even while others write. */
export function snapshotState(database: CustomerServiceDatabase): CustomerServiceSnapshot {
  return database.transaction(() => {
    const read = (table: keyof CustomerServiceSnapshot) => database.prepare(snapshotQueries[table]).all() as Record<string, string | number | null>[];
    return {
      customers: read("customers"),
      staff: read("staff"),
      services: read("services"),
      slots: read("slots"),
      appointments: read("appointments"),
      refunds: read("refunds"),
      outbox: read("outbox"),
    };
  })();
}
