// Lookups several tools share, each failing with a message that tells the model what to call instead.
import type { AppointmentStatus, CustomerRow, CustomerServiceDatabase, SlotRow } from "./database.js";

function findCustomerRow(database: CustomerServiceDatabase, customerId: string): CustomerRow | undefined {
  return database.prepare("SELECT * FROM customers WHERE id = ?").get(customerId) as CustomerRow | undefined;
}

export function requireCustomer(database: CustomerServiceDatabase, customerId: string): CustomerRow {
  const customer = findCustomerRow(database, customerId);
  if (!customer) throw new Error(`unknown customer id ${customerId}; call find_customer with the customer's email, phone or name to get their id`);
  return customer;
}

export function requireSlot(database: CustomerServiceDatabase, slotId: string): SlotRow {
  const slot = database.prepare("SELECT id, service_id, staff_id, starts_at, ends_at FROM slots WHERE id = ?").get(slotId) as SlotRow | undefined;
  if (!slot) throw new Error(`unknown slot id ${slotId}; call find_available_slots to get the ids of free slots`);
  return slot;
}

/** Whether a slot already carries a live booking (cancelled ones free it again). */
export function isSlotBooked(database: CustomerServiceDatabase, slotId: string): boolean {
  return database.prepare("SELECT 1 FROM appointments WHERE slot_id = ? AND status = 'booked'").get(slotId) !== undefined;
}

/** An appointment as tools return it: joined with its slot, service and staff member. */
export interface AppointmentView {
  appointment_id: string;
  customer_id: string;
  status: AppointmentStatus;
  slot_id: string;
  service_id: string;
  service_name: string;
  staff_name: string;
  starts_at: string;
  ends_at: string;
  price_cents: number;
  notes: string | null;
  cancellation_reason: string | null;
}

export const appointmentViewSelect = `
  SELECT a.id AS appointment_id, a.customer_id, a.status, a.slot_id, s.service_id, sv.name AS service_name,
         st.name AS staff_name, s.starts_at, s.ends_at, sv.price_cents, a.notes, a.cancellation_reason
  FROM appointments a
  JOIN slots s ON s.id = a.slot_id
  JOIN services sv ON sv.id = s.service_id
  JOIN staff st ON st.id = s.staff_id`;

export function requireAppointment(database: CustomerServiceDatabase, appointmentId: string): AppointmentView {
  const view = database.prepare(`${appointmentViewSelect} WHERE a.id = ?`).get(appointmentId) as AppointmentView | undefined;
  if (!view) {
    throw new Error(`unknown appointment id ${appointmentId}; call list_customer_appointments with the customer's id to get their appointment ids`);
  }
  return view;
}
