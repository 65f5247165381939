// The demo's clinic: the example catalog's own database in the demo's data folder, seeded as `toolgate run` would seed
// it, then grown to a practice of realistic size (more customers, more booked appointments) so the requests the
// teacher drives through the gate name customers, slots and appointments that exist, and their values vary enough
// that a model has to copy them from the request rather than remember a handful. The pools it returns are what the
// request generator draws from.
import { join } from "node:path";
import { createCustomerServiceCatalog } from "../../src/examples/index.js";
import { seededRandom } from "../../src/dataset/index.js";

export interface ClinicValues {
  /** Active customers (the seeded ones that are active, then the added ones). */
  customerIds: string[];
  lastNames: string[];
  /** Future slots nobody has booked. */
  freeSlotIds: string[];
  /** Future appointments with status booked. */
  bookedAppointmentIds: string[];
  /** The service of each booked appointment, and the free slots of each service (a move keeps the service). */
  appointmentServices: Record<string, string>;
  freeSlotsByService: Record<string, string[]>;
  /** Days (YYYY-MM-DD) inside the slot window, from today on. */
  dates: string[];
}

const firstNames = ["Maria", "Tom", "Aisha", "Kenji", "Lena", "Omar", "Sofia", "Piotr", "Nadia", "Lucas", "Ines", "Ravi", "Hana", "Diego", "Yara", "Felix"];
const lastNames = ["Lopez", "Berg", "Okafor", "Tanaka", "Novak", "Haddad", "Rossi", "Kowalski", "Petrova", "Silva", "Moreau", "Iyer", "Lindqvist", "Mensah", "Duarte", "Sato", "Quinn", "Varga", "Adeyemi", "Holm"];
const tiers = ["standard", "plus", "premier"] as const;

export interface ClinicOptions {
  dataDir: string;
  /** Customers added after the catalog's 8 (ids C-2000 onwards). */
  customers: number;
  /** Future free slots booked for added customers, so cancel and reschedule have appointments to act on. */
  appointments: number;
  seed: number;
  now?: Date;
}

/** Seeds `<dataDir>/customer-service.db` (the file the runtime opens) and adds the practice; returns the value pools. */
export function prepareClinic(options: ClinicOptions): ClinicValues {
  const now = options.now ?? new Date();
  // The catalog opens and seeds the file exactly as the runtime will (same path, same seed for the day).
  const catalog = createCustomerServiceCatalog({ databasePath: join(options.dataDir, "customer-service.db"), clock: () => now });
  const { database } = catalog;
  try {
    const { count } = database.prepare("SELECT count(*) AS count FROM customers").get() as { count: number };
    if (count > 8) throw new Error(`${options.dataDir}/customer-service.db already holds ${count} customers; the demo prepares a fresh clinic`);
    const next = seededRandom(options.seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const insertCustomer = database.prepare(
      `INSERT INTO customers (id, name, email, phone, tier, status, balance_cents, paid_cents, member_since, closed_at, closure_reason)
       VALUES (@id, @name, @email, @phone, @tier, 'active', 0, @paid_cents, @member_since, NULL, NULL)`,
    );
    const freeSlots = () =>
      (database.prepare("SELECT s.id FROM slots s WHERE s.starts_at > ? AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked') ORDER BY s.number").all(now.toISOString()) as { id: string }[]).map((row) => row.id);
    database.transaction(() => {
      for (let index = 0; index < options.customers; index += 1) {
        const [first, last] = [pick(firstNames), pick(lastNames)];
        const id = `C-${2000 + index}`;
        insertCustomer.run({ id, name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}.${index}@example.com`, phone: `+1415556${String(1000 + index).padStart(4, "0")}`, tier: pick(tiers), paid_cents: 20_000 + 500 * Math.floor(next() * 100), member_since: "2024-02-01" });
      }
      const slots = freeSlots();
      const insertAppointment = database.prepare("INSERT INTO appointments (customer_id, slot_id, status, notes, created_at, updated_at) VALUES (?, ?, 'booked', NULL, ?, ?)");
      for (let index = 0; index < Math.min(options.appointments, slots.length); index += 1) {
        const slot = slots.splice(Math.floor(next() * slots.length), 1)[0]!;
        insertAppointment.run(`C-${2000 + Math.floor(next() * options.customers)}`, slot, now.toISOString(), now.toISOString());
      }
    })();
    const customers = database.prepare("SELECT id, name FROM customers WHERE status = 'active' ORDER BY id").all() as { id: string; name: string }[];
    const appointments = database.prepare("SELECT a.id, s.service_id FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE a.status = 'booked' AND s.starts_at > ? ORDER BY a.number").all(now.toISOString()) as { id: string; service_id: string }[];
    const free = database.prepare("SELECT s.id, s.service_id FROM slots s WHERE s.starts_at > ? AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked') ORDER BY s.number").all(now.toISOString()) as { id: string; service_id: string }[];
    const freeSlotsByService: Record<string, string[]> = {};
    for (const slot of free) (freeSlotsByService[slot.service_id] ??= []).push(slot.id);
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return {
      customerIds: customers.map((row) => row.id),
      lastNames: [...new Set(customers.map((row) => row.name.split(" ").at(-1)!))],
      freeSlotIds: freeSlots(),
      bookedAppointmentIds: appointments.map((row) => row.id),
      appointmentServices: Object.fromEntries(appointments.map((row) => [row.id, row.service_id])),
      freeSlotsByService,
      dates: Array.from({ length: 14 }, (_, offset) => new Date(today + offset * 86_400_000).toISOString().slice(0, 10)),
    };
  } finally {
    catalog.close();
  }
}
