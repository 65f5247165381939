// The customer-service SQLite database: opening it, its schema, and the row shapes tools read.
import { chmodSync, closeSync, openSync } from "node:fs";
import Database from "better-sqlite3";

export type CustomerServiceDatabase = Database.Database;

export const customerTiers = ["standard", "plus", "premier"] as const;
type CustomerTier = (typeof customerTiers)[number];
type CustomerStatus = "active" | "suspended" | "closed";
export type AppointmentStatus = "booked" | "cancelled" | "completed";

export interface CustomerRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  tier: CustomerTier;
  status: CustomerStatus;
  /** What the customer owes the clinic; an account cannot close while this is above zero. */
  balance_cents: number;
  /** Everything the customer has paid; refunds can never exceed it. */
  paid_cents: number;
  member_since: string;
  closed_at: string | null;
  closure_reason: string | null;
}

export interface ServiceRow {
  id: string;
  name: string;
  staff_id: string;
  duration_minutes: number;
  price_cents: number;
}

export interface SlotRow {
  id: string;
  service_id: string;
  staff_id: string;
  starts_at: string;
  ends_at: string;
}

// Ids are generated from an integer key so they stay short, ordered and readable ("A-5001"),
// and SQLite, not the application, hands out the next one inside the writing transaction.
const schema = `
CREATE TABLE IF NOT EXISTS customers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  phone TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('standard', 'plus', 'premier')),
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
  balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),
  paid_cents INTEGER NOT NULL CHECK (paid_cents >= 0),
  member_since TEXT NOT NULL,
  closed_at TEXT,
  closure_reason TEXT
);
CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS services (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  duration_minutes INTEGER NOT NULL,
  price_cents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS slots (
  number INTEGER PRIMARY KEY,
  id TEXT GENERATED ALWAYS AS ('S-' || number) STORED UNIQUE,
  service_id TEXT NOT NULL REFERENCES services(id),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS slots_by_service_time ON slots (service_id, starts_at);
CREATE TABLE IF NOT EXISTS appointments (
  number INTEGER PRIMARY KEY,
  id TEXT GENERATED ALWAYS AS ('A-' || number) STORED UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  slot_id TEXT NOT NULL REFERENCES slots(id),
  status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'completed')),
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  cancellation_reason TEXT
);
-- The database itself refuses a double booking, so two concurrent writers cannot both win a slot.
CREATE UNIQUE INDEX IF NOT EXISTS one_booking_per_slot ON appointments (slot_id) WHERE status = 'booked';
CREATE INDEX IF NOT EXISTS appointments_by_customer ON appointments (customer_id);
CREATE TABLE IF NOT EXISTS refunds (
  number INTEGER PRIMARY KEY,
  id TEXT GENERATED ALWAYS AS ('R-' || number) STORED UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  number INTEGER PRIMARY KEY,
  id TEXT GENERATED ALWAYS AS ('M-' || number) STORED UNIQUE,
  to_address TEXT NOT NULL,
  customer_id TEXT REFERENCES customers(id),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued')),
  campaign_id TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  tool TEXT NOT NULL,
  key TEXT NOT NULL,
  arguments_digest TEXT NOT NULL,
  result_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tool, key)
);
`;

/** Opens (or creates) the database and makes sure the schema exists; it does not seed. */
export function openCustomerServiceDatabase(path = ":memory:"): CustomerServiceDatabase {
  if (path !== ":memory:" && path !== "") ownerOnly(path);
  const database = new Database(path);
  try {
    // WAL lets readers (an eval snapshot, a dashboard) look while the agent writes; memory has no journal file.
    if (path !== ":memory:" && path !== "") database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    database.exec(schema);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * Customers' e-mails and phones live here: the file is created owner-only (0600) before SQLite opens it (SQLite would
 * create it 0644 under a usual umask; its -wal and -shm files take the database file's mode), and an existing file
 * that we own is narrowed to 0600 too.
 */
function ownerOnly(path: string): void {
  closeSync(openSync(path, "a", 0o600));
  try {
    chmodSync(path, 0o600);
  } catch {
    // Not ours to change (another user's file opened read-write by permission): leave it as its owner set it.
  }
}

