// Tests for the appointments tools against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppointmentView } from "./queries.js";
import { snapshotState } from "./snapshot.js";
import { fixedNow, openTempCatalog } from "./test-support/temp-catalog.js";
import type { TempCatalog } from "./test-support/temp-catalog.js";

interface SlotSearch {
  service: { service_id: string; name: string; price_cents: number; staff_name: string };
  from_date: string;
  to_date: string;
  slots: { slot_id: string; starts_at: string; ends_at: string }[];
  total_free: number;
  truncated: boolean;
}

let temp: TempCatalog;
beforeEach(() => {
  temp = openTempCatalog();
});
afterEach(() => temp.cleanup());

async function freeSlots(serviceId: string, extra: Record<string, unknown> = {}): Promise<SlotSearch> {
  return (await temp.run<SlotSearch>("find_available_slots", { service_id: serviceId, ...extra })).result;
}

async function freeSlotAt(serviceId: string, startsAt: string): Promise<string> {
  const slot = (await freeSlots(serviceId, { limit: 50 })).slots.find((free) => free.starts_at === startsAt);
  if (!slot) throw new Error(`no free ${serviceId} slot at ${startsAt}`);
  return slot.slot_id;
}

async function bookedSlotOf(customerId: string): Promise<AppointmentView> {
  const { result } = await temp.run<{ appointments: AppointmentView[] }>("list_customer_appointments", { customer_id: customerId });
  const first = result.appointments[0];
  if (!first) throw new Error(`${customerId} has no upcoming appointment in the seed`);
  return first;
}

describe("find_available_slots", () => {
  it("returns only future, unbooked slots of the service inside the range, earliest first", async () => {
    const search = await freeSlots("SV-CHECKUP", { from_date: "2026-01-05", to_date: "2026-01-09", limit: 50 });
    expect(search.service).toMatchObject({ service_id: "SV-CHECKUP", name: "General check-up", price_cents: 8500, staff_name: "Dr. Amara Okafor" });
    // Five weekdays x four times, minus the 09:00 slot already started and C-1001's booking at 10:00;
    // C-1001's cancelled 11:00 booking frees that slot again.
    expect(search.total_free).toBe(18);
    expect(search.slots.map((slot) => slot.starts_at).slice(0, 3)).toEqual([
      "2026-01-05T11:00:00.000Z",
      "2026-01-05T14:00:00.000Z",
      "2026-01-06T09:00:00.000Z",
    ]);
    const starts = search.slots.map((slot) => slot.starts_at);
    expect([...starts].sort()).toEqual(starts);
    const booked = await bookedSlotOf("C-1001");
    expect(search.slots.map((slot) => slot.slot_id)).not.toContain(booked.slot_id);
    for (const slot of search.slots) expect(Date.parse(slot.starts_at)).toBeGreaterThan(fixedNow.getTime());
  });

  it("defaults to a week from today and honours the limit", async () => {
    const search = await freeSlots("SV-DERM", { limit: 2 });
    expect(search.from_date).toBe("2026-01-05");
    expect(search.to_date).toBe("2026-01-12");
    expect(search.slots).toHaveLength(2);
    expect(search.truncated).toBe(true);
    expect(search.total_free).toBe(3); // Wed 7th and Fri 9th, two each, minus C-1005's booking.
  });

  it("refuses a reversed or too long range with a message saying how to fix it", async () => {
    await expect(freeSlots("SV-DENTAL", { from_date: "2026-01-10", to_date: "2026-01-06" })).rejects.toThrow(/before from_date/);
    await expect(freeSlots("SV-DENTAL", { from_date: "2026-01-05", to_date: "2026-03-01" })).rejects.toThrow(/shorter range/);
  });
});

describe("book_appointment", () => {
  it("books a free slot, changes the database and declares the insert", async () => {
    const slot = (await freeSlots("SV-PHYSIO")).slots[0];
    if (!slot) throw new Error("no physio slot");
    const { result, effects } = await temp.run<AppointmentView>("book_appointment", { customer_id: "C-1004", slot_id: slot.slot_id, notes: "Back pain" });
    expect(result).toMatchObject({
      customer_id: "C-1004",
      slot_id: slot.slot_id,
      status: "booked",
      service_id: "SV-PHYSIO",
      staff_name: "Priya Raman",
      starts_at: slot.starts_at,
      price_cents: 9500,
      notes: "Back pain",
    });
    expect(result.appointment_id).toBe("A-5008");
    expect(effects).toEqual([{ kind: "row.insert", target: "appointments", detail: { id: "A-5008", customer_id: "C-1004", slot_id: slot.slot_id } }]);
    const stored = snapshotState(temp.catalog.database).appointments.find((row) => row.id === "A-5008");
    expect(stored).toMatchObject({ customer_id: "C-1004", slot_id: slot.slot_id, status: "booked", created_at: fixedNow.toISOString() });
    expect((await freeSlots("SV-PHYSIO")).slots.map((free) => free.slot_id)).not.toContain(slot.slot_id);
  });

  it("refuses a slot that is already booked and points to find_available_slots", async () => {
    const taken = await bookedSlotOf("C-1001");
    const before = snapshotState(temp.catalog.database);
    await expect(temp.run("book_appointment", { customer_id: "C-1004", slot_id: taken.slot_id })).rejects.toThrow(
      `slot ${taken.slot_id} is already booked; call find_available_slots for free slots`,
    );
    expect(snapshotState(temp.catalog.database)).toEqual(before);
  });

  it("refuses unknown customers and slots, past slots, and suspended accounts", async () => {
    const slot = (await freeSlots("SV-NUTRITION")).slots[0];
    if (!slot) throw new Error("no nutrition slot");
    await expect(temp.run("book_appointment", { customer_id: "C-9999", slot_id: slot.slot_id })).rejects.toThrow(/unknown customer id C-9999; call find_customer/);
    await expect(temp.run("book_appointment", { customer_id: "C-1004", slot_id: "S-99999" })).rejects.toThrow(/unknown slot id S-99999/);
    await expect(temp.run("book_appointment", { customer_id: "C-1006", slot_id: slot.slot_id })).rejects.toThrow(/account is suspended/);
    await expect(temp.run("book_appointment", { customer_id: "C-1004", slot_id: "S-1" })).rejects.toThrow(/in the past/);
  });

  it("refuses a second appointment for the same customer at an overlapping time", async () => {
    const checkup = await freeSlotAt("SV-CHECKUP", "2026-01-07T11:00:00.000Z");
    const derm = await freeSlotAt("SV-DERM", "2026-01-07T11:00:00.000Z");
    const { result } = await temp.run<AppointmentView>("book_appointment", { customer_id: "C-1004", slot_id: checkup });
    await expect(temp.run("book_appointment", { customer_id: "C-1004", slot_id: derm })).rejects.toThrow(
      `customer C-1004 already has appointment ${result.appointment_id} at that time`,
    );
  });

  it("replays the first result for a repeated idempotency key instead of booking twice", async () => {
    const slot = (await freeSlots("SV-DENTAL")).slots[0];
    if (!slot) throw new Error("no dental slot");
    const args = { customer_id: "C-1007", slot_id: slot.slot_id };
    const first = await temp.run<AppointmentView>("book_appointment", args, { idempotencyKey: "retry-1" });
    const again = await temp.run<AppointmentView>("book_appointment", args, { idempotencyKey: "retry-1" });
    expect(again.result).toEqual(first.result);
    expect(again.effects).toEqual([]);
    const bookings = snapshotState(temp.catalog.database).appointments.filter((row) => row.slot_id === slot.slot_id);
    expect(bookings).toHaveLength(1);
  });
});

describe("cancellation through ctx.signal", () => {
  it("does nothing once the call's signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const before = snapshotState(temp.catalog.database);
    await expect(temp.run("book_appointment", { customer_id: "C-1004", slot_id: "S-30" }, { signal: controller.signal })).rejects.toThrow(/abort/i);
    await expect(temp.run("find_available_slots", { service_id: "SV-DENTAL" }, { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(snapshotState(temp.catalog.database)).toEqual(before);
  });
});

describe("reschedule_appointment", () => {
  it("moves the appointment, frees the old slot and declares the update", async () => {
    const appointment = await bookedSlotOf("C-1002");
    const target = (await freeSlots("SV-DENTAL", { limit: 50 })).slots.at(-1);
    if (!target) throw new Error("no dental slot");
    const { result, effects } = await temp.run<AppointmentView & { previous_slot_id: string }>("reschedule_appointment", {
      appointment_id: appointment.appointment_id,
      new_slot_id: target.slot_id,
    });
    expect(result).toMatchObject({ appointment_id: appointment.appointment_id, slot_id: target.slot_id, starts_at: target.starts_at, previous_slot_id: appointment.slot_id, status: "booked" });
    expect(effects).toEqual([
      { kind: "row.update", target: "appointments", detail: { id: appointment.appointment_id, from_slot_id: appointment.slot_id, to_slot_id: target.slot_id } },
    ]);
    const free = (await freeSlots("SV-DENTAL", { limit: 50 })).slots.map((slot) => slot.slot_id);
    expect(free).toContain(appointment.slot_id);
    expect(free).not.toContain(target.slot_id);
  });

  it("refuses a slot of another service or one someone else holds", async () => {
    const dental = await bookedSlotOf("C-1002");
    const checkup = await freeSlotAt("SV-CHECKUP", "2026-01-07T11:00:00.000Z");
    await expect(temp.run("reschedule_appointment", { appointment_id: dental.appointment_id, new_slot_id: checkup })).rejects.toThrow(
      `slot ${checkup} is for SV-CHECKUP but appointment ${dental.appointment_id} is for SV-DENTAL; pick a SV-DENTAL slot from find_available_slots`,
    );
    await temp.run("book_appointment", { customer_id: "C-1004", slot_id: checkup });
    await expect(temp.run("reschedule_appointment", { appointment_id: "A-5001", new_slot_id: checkup })).rejects.toThrow(
      `slot ${checkup} is already booked; call find_available_slots for free slots`,
    );
    expect((await bookedSlotOf("C-1001")).appointment_id).toBe("A-5001");
  });

  it("refuses the slot it already holds, cancelled appointments and unknown ids", async () => {
    const own = await bookedSlotOf("C-1001");
    const free = await freeSlotAt("SV-CHECKUP", "2026-01-07T11:00:00.000Z");
    await expect(temp.run("reschedule_appointment", { appointment_id: "A-5001", new_slot_id: own.slot_id })).rejects.toThrow(/already in slot/);
    await expect(temp.run("reschedule_appointment", { appointment_id: "A-5005", new_slot_id: free })).rejects.toThrow(/is cancelled/);
    await expect(temp.run("reschedule_appointment", { appointment_id: "A-9999", new_slot_id: free })).rejects.toThrow(
      /unknown appointment id A-9999; call list_customer_appointments/,
    );
  });
});

describe("cancel_appointment", () => {
  it("cancels an upcoming appointment and frees its slot", async () => {
    const appointment = await bookedSlotOf("C-1005");
    const { result, effects } = await temp.run<AppointmentView>("cancel_appointment", { appointment_id: appointment.appointment_id, reason: "feeling better" });
    expect(result).toMatchObject({ appointment_id: appointment.appointment_id, status: "cancelled", cancellation_reason: "feeling better" });
    expect(effects).toEqual([{ kind: "row.update", target: "appointments", detail: { id: appointment.appointment_id, status: "cancelled" } }]);
    expect((await freeSlots("SV-DERM", { limit: 50 })).slots.map((slot) => slot.slot_id)).toContain(appointment.slot_id);
    await expect(temp.run("cancel_appointment", { appointment_id: appointment.appointment_id })).rejects.toThrow(/is cancelled, so it cannot be cancelled/);
  });

  it("refuses to cancel an appointment that has already taken place", async () => {
    await expect(temp.run("cancel_appointment", { appointment_id: "A-5006" })).rejects.toThrow(/is completed/);
  });
});

describe("list_customer_appointments", () => {
  it("lists upcoming booked appointments by default and history on request", async () => {
    const upcoming = (await temp.run<{ appointments: AppointmentView[] }>("list_customer_appointments", { customer_id: "C-1001" })).result;
    expect(upcoming.appointments.map((row) => [row.appointment_id, row.status])).toEqual([["A-5001", "booked"]]);
    const all = (
      await temp.run<{ appointments: AppointmentView[] }>("list_customer_appointments", { customer_id: "C-1001", include_cancelled: true, include_past: true })
    ).result;
    expect(all.appointments.map((row) => [row.appointment_id, row.status])).toEqual([
      ["A-5001", "booked"],
      ["A-5005", "cancelled"],
    ]);
    const past = (await temp.run<{ appointments: AppointmentView[] }>("list_customer_appointments", { customer_id: "C-1002", include_past: true })).result;
    expect(past.appointments.map((row) => row.status)).toEqual(["completed", "booked"]);
    await expect(temp.run("list_customer_appointments", { customer_id: "C-0000" })).rejects.toThrow(/unknown customer id C-0000/);
  });
});
