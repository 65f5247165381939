// The deterministic seed: the same clock always yields the same customers, staff, slots and bookings.
import type { CustomerRow, CustomerServiceDatabase, ServiceRow } from "./database.js";

const staffMembers = [
  { id: "ST-01", name: "Dr. Amara Okafor", role: "General practitioner" },
  { id: "ST-02", name: "Dr. Lucas Brennan", role: "Dentist" },
  { id: "ST-03", name: "Priya Raman", role: "Physiotherapist" },
  { id: "ST-04", name: "Dr. Elena Novak", role: "Dermatologist" },
  { id: "ST-05", name: "Tom Whitaker", role: "Nutritionist" },
] as const;

export const serviceIds = ["SV-CHECKUP", "SV-VACCINE", "SV-DENTAL", "SV-PHYSIO", "SV-DERM", "SV-NUTRITION"] as const;
type ServiceId = (typeof serviceIds)[number];

interface ServicePlan extends ServiceRow {
  id: ServiceId;
  /** UTC weekdays (0 = Sunday) on which the service runs. */
  weekdays: number[];
  /** UTC start times of the slots on those days. */
  times: string[];
}

export const servicePlans: readonly ServicePlan[] = [
  { id: "SV-CHECKUP", name: "General check-up", staff_id: "ST-01", duration_minutes: 30, price_cents: 8_500, weekdays: [1, 2, 3, 4, 5], times: ["09:00", "10:00", "11:00", "14:00"] },
  { id: "SV-VACCINE", name: "Vaccination", staff_id: "ST-01", duration_minutes: 15, price_cents: 4_000, weekdays: [1, 3, 5], times: ["13:00", "13:30"] },
  { id: "SV-DENTAL", name: "Dental cleaning", staff_id: "ST-02", duration_minutes: 45, price_cents: 12_000, weekdays: [2, 4], times: ["09:00", "10:00", "11:00", "15:00"] },
  { id: "SV-PHYSIO", name: "Physiotherapy session", staff_id: "ST-03", duration_minutes: 60, price_cents: 9_500, weekdays: [1, 2, 3, 4], times: ["08:00", "16:00"] },
  { id: "SV-DERM", name: "Dermatology consultation", staff_id: "ST-04", duration_minutes: 30, price_cents: 15_000, weekdays: [3, 5], times: ["10:00", "11:00"] },
  { id: "SV-NUTRITION", name: "Nutrition consultation", staff_id: "ST-05", duration_minutes: 45, price_cents: 7_000, weekdays: [2, 4], times: ["14:00", "15:00"] },
];

// Fixed dates (not clock-relative) for history, so snapshots of the same clock compare byte for byte.
export const seedCustomers: readonly CustomerRow[] = [
  { id: "C-1001", name: "Maria Lopez", email: "maria.lopez@example.com", phone: "+14155550101", tier: "premier", status: "active", balance_cents: 0, paid_cents: 48_000, member_since: "2021-03-14", closed_at: null, closure_reason: null },
  { id: "C-1002", name: "James Chen", email: "james.chen@example.com", phone: "+14155550102", tier: "standard", status: "active", balance_cents: 0, paid_cents: 12_000, member_since: "2023-07-02", closed_at: null, closure_reason: null },
  { id: "C-1003", name: "Aisha Khan", email: "aisha.khan@example.com", phone: "+442079460103", tier: "plus", status: "active", balance_cents: 4_500, paid_cents: 30_500, member_since: "2022-11-20", closed_at: null, closure_reason: null },
  { id: "C-1004", name: "Jamie Chen", email: "jamie.chen@example.org", phone: "+14155550104", tier: "standard", status: "active", balance_cents: 0, paid_cents: 0, member_since: "2025-09-01", closed_at: null, closure_reason: null },
  { id: "C-1005", name: "Sofia Rossi", email: "sofia.rossi@example.com", phone: "+390255550105", tier: "plus", status: "active", balance_cents: 0, paid_cents: 22_000, member_since: "2020-05-18", closed_at: null, closure_reason: null },
  { id: "C-1006", name: "Noah Williams", email: "noah.w@example.net", phone: "+14155550106", tier: "standard", status: "suspended", balance_cents: 21_000, paid_cents: 8_500, member_since: "2024-01-09", closed_at: null, closure_reason: null },
  { id: "C-1007", name: "Emma Schmidt", email: "emma.schmidt@example.de", phone: "+4930555010", tier: "premier", status: "active", balance_cents: 0, paid_cents: 95_000, member_since: "2019-02-27", closed_at: null, closure_reason: null },
  { id: "C-1008", name: "Liam O'Brien", email: "liam.obrien@example.com", phone: "+353155550108", tier: "standard", status: "closed", balance_cents: 0, paid_cents: 6_000, member_since: "2022-04-11", closed_at: "2025-06-30T12:00:00.000Z", closure_reason: "moved abroad" },
];

/** Slots are generated from this many days before the clock's day up to this many after it. */
const slotDaysBefore = 7;
const slotDaysAfter = 14;

const dayMs = 24 * 60 * 60 * 1000;

function utcDayStart(instant: Date): number {
  return Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
}

function atTime(dayStart: number, time: string): Date {
  const [hours, minutes] = time.split(":").map(Number);
  return new Date(dayStart + ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000);
}

/**
 * Fills an empty database; a database that already holds customers is left alone, so reopening a
 * file keeps the state earlier runs produced. Returns whether it seeded.
 */
export function seedCustomerServiceDatabase(database: CustomerServiceDatabase, now: Date): boolean {
  const nowIso = now.toISOString();

  // The emptiness check runs inside an IMMEDIATE transaction, which takes the write lock first: processes opening one
  // fresh file at once (`serve --workers N`) seed it exactly once instead of racing into UNIQUE-constraint errors.
  return database.transaction(() => {
    const { count } = database.prepare("SELECT count(*) AS count FROM customers").get() as { count: number };
    if (count > 0) return false;
    const insertStaff = database.prepare("INSERT INTO staff (id, name, role) VALUES (@id, @name, @role)");
    for (const member of staffMembers) insertStaff.run(member);

    const insertService = database.prepare(
      "INSERT INTO services (id, name, staff_id, duration_minutes, price_cents) VALUES (@id, @name, @staff_id, @duration_minutes, @price_cents)",
    );
    for (const plan of servicePlans) {
      insertService.run({ id: plan.id, name: plan.name, staff_id: plan.staff_id, duration_minutes: plan.duration_minutes, price_cents: plan.price_cents });
    }

    const insertCustomer = database.prepare(
      `INSERT INTO customers (id, name, email, phone, tier, status, balance_cents, paid_cents, member_since, closed_at, closure_reason)
       VALUES (@id, @name, @email, @phone, @tier, @status, @balance_cents, @paid_cents, @member_since, @closed_at, @closure_reason)`,
    );
    for (const customer of seedCustomers) insertCustomer.run(customer);

    const insertSlot = database.prepare("INSERT INTO slots (service_id, staff_id, starts_at, ends_at) VALUES (?, ?, ?, ?)");
    const today = utcDayStart(now);
    for (let offset = -slotDaysBefore; offset <= slotDaysAfter; offset += 1) {
      const dayStart = today + offset * dayMs;
      const weekday = new Date(dayStart).getUTCDay();
      const daySlots = servicePlans
        .filter((plan) => plan.weekdays.includes(weekday))
        .flatMap((plan) => plan.times.map((time) => ({ plan, start: atTime(dayStart, time) })))
        .sort((a, b) => a.start.getTime() - b.start.getTime() || a.plan.id.localeCompare(b.plan.id));
      for (const { plan, start } of daySlots) {
        const end = new Date(start.getTime() + plan.duration_minutes * 60_000);
        insertSlot.run(plan.id, plan.staff_id, start.toISOString(), end.toISOString());
      }
    }

    const slotFor = (serviceId: ServiceId, when: "past" | "future", index: number): string => {
      const comparison = when === "future" ? "starts_at > ? ORDER BY starts_at ASC" : "starts_at <= ? ORDER BY starts_at DESC";
      const row = database
        .prepare(`SELECT id FROM slots WHERE service_id = ? AND ${comparison} LIMIT 1 OFFSET ?`)
        .get(serviceId, nowIso, index) as { id: string } | undefined;
      if (!row) throw new Error(`seed: no ${when} slot #${index} for ${serviceId}`);
      return row.id;
    };
    const insertAppointment = database.prepare(
      `INSERT INTO appointments (number, customer_id, slot_id, status, notes, created_at, updated_at, cancellation_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const created = new Date(now.getTime() - 10 * dayMs).toISOString();
    const bookings: [string, string, "booked" | "cancelled" | "completed", string | null, string | null][] = [
      ["C-1001", slotFor("SV-CHECKUP", "future", 0), "booked", "Annual check-up", null],
      ["C-1002", slotFor("SV-DENTAL", "future", 0), "booked", null, null],
      ["C-1003", slotFor("SV-PHYSIO", "future", 1), "booked", "Knee rehabilitation, session 3", null],
      ["C-1005", slotFor("SV-DERM", "future", 0), "booked", null, null],
      ["C-1001", slotFor("SV-CHECKUP", "future", 1), "cancelled", null, "customer request"],
      ["C-1002", slotFor("SV-CHECKUP", "past", 0), "completed", null, null],
      ["C-1007", slotFor("SV-DENTAL", "past", 0), "completed", null, null],
    ];
    bookings.forEach(([customerId, slotId, status, notes, reason], index) => {
      insertAppointment.run(5001 + index, customerId, slotId, status, notes, created, created, reason);
    });

    database
      .prepare("INSERT INTO refunds (number, customer_id, amount_cents, reason, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(1, "C-1007", 5_000, "Duplicate charge for dental cleaning", "2025-11-03T15:20:00.000Z");
    return true;
  }).immediate();
}
