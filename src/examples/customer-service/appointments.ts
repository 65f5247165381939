// The appointments area: find free slots, and book, reschedule, cancel and list a customer's appointments.
import { z } from "zod";
import { defineTool } from "../../tool/index.js";
import type { ToolDefinition } from "../../tool/index.js";
import type { CustomerServiceDependencies } from "./dependencies.js";
import type { ServiceRow, SlotRow } from "./database.js";
import { runIdempotentWrite } from "./idempotency.js";
import { appointmentViewSelect, isSlotBooked, requireAppointment, requireCustomer, requireSlot } from "./queries.js";
import type { AppointmentView } from "./queries.js";
import { appointmentIdSchema, customerIdSchema, slotIdSchema } from "./schemas.js";
import { serviceIds, servicePlans } from "./seed.js";

export const appointmentsArea = {
  name: "appointments",
  description: "Find free appointment slots at the clinic, and book, reschedule, cancel or list a customer's appointments.",
};

const dayMs = 24 * 60 * 60 * 1000;
const maxSearchDays = 31;

const serviceList = servicePlans.map((plan) => `${plan.id} (${plan.name}, ${plan.duration_minutes} min)`).join(", ");

function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Rejects changes to appointments that have already started; history is not rewritten. */
function requireUpcoming(view: AppointmentView, now: Date, action: string): void {
  if (view.status !== "booked") {
    throw new Error(`appointment ${view.appointment_id} is ${view.status}, so it cannot be ${action}; call book_appointment for a new booking`);
  }
  if (Date.parse(view.starts_at) <= now.getTime()) {
    throw new Error(`appointment ${view.appointment_id} started at ${view.starts_at} and can no longer be ${action}`);
  }
}

function requireBookableSlot(slot: SlotRow, now: Date, database: CustomerServiceDependencies["database"]): void {
  if (Date.parse(slot.starts_at) <= now.getTime()) {
    throw new Error(`slot ${slot.id} starts at ${slot.starts_at}, which is in the past; call find_available_slots for upcoming free slots`);
  }
  if (isSlotBooked(database, slot.id)) {
    throw new Error(`slot ${slot.id} is already booked; call find_available_slots for free slots`);
  }
}

/** Free text in an appointment that customers write (a note for the practitioner, why they cancelled). */
const appointmentText = ["/notes", "/cancellation_reason"];

export function createAppointmentTools({ database, clock }: CustomerServiceDependencies): ToolDefinition[] {
  const findAvailableSlots = defineTool({
    name: "find_available_slots",
    description:
      `Search free (bookable) appointment slots for one clinic service between two dates. Use it before book_appointment or ` +
      `reschedule_appointment to get a valid slot id; never make slot ids up. Services: ${serviceList}. Returns the service ` +
      `(name, duration, price in cents, practitioner) and the free slots in time order, each with slot_id, starts_at and ends_at (ISO 8601, UTC).`,
    area: appointmentsArea.name,
    risk: "read",
    idempotent: true,
    // Strict objects throughout the catalog: an argument the tool does not know is a model mistake to report, not to drop.
    input: z.strictObject({
      service_id: z.enum(serviceIds).describe(`The service to book. One of: ${serviceList}.`),
      from_date: z.iso.date().optional().describe("First day to search, YYYY-MM-DD (UTC), inclusive. Defaults to today."),
      to_date: z.iso
        .date()
        .optional()
        .describe(`Last day to search, YYYY-MM-DD (UTC), inclusive. Defaults to 7 days after from_date; at most ${maxSearchDays} days after it.`),
      limit: z.number().int().min(1).max(50).optional().describe("Most slots to return, earliest first. Defaults to 10."),
    }),
    execute(args, context) {
      context.signal.throwIfAborted();
      const now = clock();
      const fromDate = args.from_date ?? isoDay(now);
      const toDate = args.to_date ?? isoDay(new Date(Date.parse(fromDate) + 7 * dayMs));
      const from = Date.parse(fromDate);
      const toExclusive = Date.parse(toDate) + dayMs;
      if (toExclusive <= from) throw new Error(`to_date ${toDate} is before from_date ${fromDate}; swap them or widen the range`);
      if (toExclusive - from > maxSearchDays * dayMs) {
        throw new Error(`the range ${fromDate}..${toDate} spans more than ${maxSearchDays} days; search a shorter range`);
      }
      const limit = args.limit ?? 10;
      const service = database
        .prepare(
          `SELECT sv.id, sv.name, sv.staff_id, sv.duration_minutes, sv.price_cents, st.name AS staff_name
           FROM services sv JOIN staff st ON st.id = sv.staff_id WHERE sv.id = ?`,
        )
        .get(args.service_id) as (ServiceRow & { staff_name: string }) | undefined;
      if (!service) throw new Error(`unknown service ${args.service_id}; use one of ${serviceIds.join(", ")}`);
      const lowerBound = new Date(Math.max(from, now.getTime() + 1)).toISOString();
      const freeSlots = database
        .prepare(
          `SELECT s.id AS slot_id, s.starts_at, s.ends_at FROM slots s
           WHERE s.service_id = ? AND s.starts_at >= ? AND s.starts_at < ?
             AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked')
           ORDER BY s.starts_at`,
        )
        .all(args.service_id, lowerBound, new Date(toExclusive).toISOString()) as { slot_id: string; starts_at: string; ends_at: string }[];
      return {
        service: {
          service_id: service.id,
          name: service.name,
          duration_minutes: service.duration_minutes,
          price_cents: service.price_cents,
          staff_name: service.staff_name,
        },
        from_date: fromDate,
        to_date: toDate,
        slots: freeSlots.slice(0, limit),
        total_free: freeSlots.length,
        truncated: freeSlots.length > limit,
      };
    },
  });

  const bookAppointment = defineTool({
    name: "book_appointment",
    description:
      "Book a free slot for a customer. Use it only with a customer_id from find_customer and a slot_id from find_available_slots. " +
      "Fails if the slot is already booked or in the past, if the customer is unknown, or if the customer's account is suspended or " +
      "closed. Returns the new appointment: appointment_id, service, practitioner, starts_at/ends_at (UTC), price_cents and status 'booked'.",
    area: appointmentsArea.name,
    risk: "write",
    honorsIdempotencyKey: true,
    steers: { "/customer_id": "id", "/slot_id": "id" },
    untrustedFields: appointmentText,
    input: z.strictObject({
      customer_id: customerIdSchema,
      slot_id: slotIdSchema,
      notes: z.string().trim().max(500).optional().describe("Optional note for the practitioner, e.g. the reason for the visit. At most 500 characters."),
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "book_appointment", args, context, now }, () => {
        const slot = requireSlot(database, args.slot_id);
        const customer = requireCustomer(database, args.customer_id);
        if (customer.status !== "active") {
          throw new Error(`customer ${customer.id}'s account is ${customer.status}, so it cannot book; call get_account_summary for details`);
        }
        requireBookableSlot(slot, now, database);
        const clash = database
          .prepare(
            `SELECT a.id FROM appointments a JOIN slots s ON s.id = a.slot_id
             WHERE a.customer_id = ? AND a.status = 'booked' AND s.starts_at < ? AND s.ends_at > ?`,
          )
          .get(customer.id, slot.ends_at, slot.starts_at) as { id: string } | undefined;
        if (clash) {
          throw new Error(`customer ${customer.id} already has appointment ${clash.id} at that time; pick another slot or reschedule ${clash.id}`);
        }
        const timestamp = now.toISOString();
        const { id } = database
          .prepare(
            "INSERT INTO appointments (customer_id, slot_id, status, notes, created_at, updated_at) VALUES (?, ?, 'booked', ?, ?, ?) RETURNING id",
          )
          .get(customer.id, slot.id, args.notes ?? null, timestamp, timestamp) as { id: string };
        return {
          result: requireAppointment(database, id),
          effects: [{ kind: "row.insert", target: "appointments", detail: { id, customer_id: customer.id, slot_id: slot.id } }],
        };
      });
    },
  });

  const rescheduleAppointment = defineTool({
    name: "reschedule_appointment",
    description:
      "Move an upcoming booked appointment to another free slot of the same service (get one from find_available_slots). " +
      "The old slot becomes free. Fails if the appointment is cancelled or already started, or the new slot is taken, in the past " +
      "or for a different service. Returns the updated appointment and previous_slot_id.",
    area: appointmentsArea.name,
    risk: "write",
    honorsIdempotencyKey: true,
    steers: { "/appointment_id": "id", "/new_slot_id": "id" },
    untrustedFields: appointmentText,
    input: z.strictObject({
      appointment_id: appointmentIdSchema,
      new_slot_id: slotIdSchema.describe("The free slot to move the appointment to, from find_available_slots, e.g. S-42."),
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "reschedule_appointment", args, context, now }, () => {
        const appointment = requireAppointment(database, args.appointment_id);
        requireUpcoming(appointment, now, "rescheduled");
        if (appointment.slot_id === args.new_slot_id) {
          throw new Error(`appointment ${appointment.appointment_id} is already in slot ${args.new_slot_id}; nothing to change`);
        }
        const slot = requireSlot(database, args.new_slot_id);
        if (slot.service_id !== appointment.service_id) {
          throw new Error(
            `slot ${slot.id} is for ${slot.service_id} but appointment ${appointment.appointment_id} is for ${appointment.service_id}; ` +
              `pick a ${appointment.service_id} slot from find_available_slots`,
          );
        }
        requireBookableSlot(slot, now, database);
        database.prepare("UPDATE appointments SET slot_id = ?, updated_at = ? WHERE id = ?").run(slot.id, now.toISOString(), appointment.appointment_id);
        return {
          result: { ...requireAppointment(database, appointment.appointment_id), previous_slot_id: appointment.slot_id },
          effects: [
            {
              kind: "row.update",
              target: "appointments",
              detail: { id: appointment.appointment_id, from_slot_id: appointment.slot_id, to_slot_id: slot.id },
            },
          ],
        };
      });
    },
  });

  const cancelAppointment = defineTool({
    name: "cancel_appointment",
    description:
      "Cancel an upcoming booked appointment; its slot becomes free for others. Use it when the customer asks to cancel, not to " +
      "move an appointment (use reschedule_appointment for that). Fails if the appointment is unknown, already cancelled or already " +
      "started. Returns the appointment with status 'cancelled'.",
    area: appointmentsArea.name,
    risk: "write",
    honorsIdempotencyKey: true,
    steers: { "/appointment_id": "id" },
    untrustedFields: appointmentText,
    input: z.strictObject({
      appointment_id: appointmentIdSchema,
      reason: z.string().trim().max(200).optional().describe("Why the customer cancels, in their words if given. At most 200 characters."),
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "cancel_appointment", args, context, now }, () => {
        const appointment = requireAppointment(database, args.appointment_id);
        requireUpcoming(appointment, now, "cancelled");
        database
          .prepare("UPDATE appointments SET status = 'cancelled', cancellation_reason = ?, updated_at = ? WHERE id = ?")
          .run(args.reason ?? null, now.toISOString(), appointment.appointment_id);
        return {
          result: requireAppointment(database, appointment.appointment_id),
          effects: [{ kind: "row.update", target: "appointments", detail: { id: appointment.appointment_id, status: "cancelled" } }],
        };
      });
    },
  });

  const listCustomerAppointments = defineTool({
    name: "list_customer_appointments",
    description:
      "List a customer's appointments in time order. By default only upcoming booked ones; set include_past or include_cancelled " +
      "for history. Use it to find an appointment_id before rescheduling or cancelling. Returns appointment_id, status, service, " +
      "practitioner, slot_id, starts_at/ends_at (UTC) and notes for each.",
    area: appointmentsArea.name,
    risk: "read",
    idempotent: true,
    // Notes and cancellation reasons are the customer's own words: a planted note must not steer a write.
    untrustedFields: appointmentText.map((field) => `/appointments/*${field}`),
    input: z.strictObject({
      customer_id: customerIdSchema,
      include_past: z.boolean().optional().describe("Also return appointments that have already started or taken place. Defaults to false."),
      include_cancelled: z.boolean().optional().describe("Also return cancelled appointments. Defaults to false."),
    }),
    execute(args, context) {
      context.signal.throwIfAborted();
      const now = clock();
      requireCustomer(database, args.customer_id);
      const conditions = ["a.customer_id = ?"];
      const parameters: string[] = [args.customer_id];
      if (!args.include_past) {
        conditions.push("s.starts_at > ?");
        parameters.push(now.toISOString());
      }
      if (!args.include_cancelled) conditions.push("a.status <> 'cancelled'");
      const appointments = database
        .prepare(`${appointmentViewSelect} WHERE ${conditions.join(" AND ")} ORDER BY s.starts_at, a.number`)
        .all(...parameters) as AppointmentView[];
      return { customer_id: args.customer_id, appointments };
    },
  });

  return [findAvailableSlots, bookAppointment, rescheduleAppointment, cancelAppointment, listCustomerAppointments];
}
