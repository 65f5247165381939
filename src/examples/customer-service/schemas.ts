// Zod schemas for the ids and values several customer-service tools share.
import { z } from "zod";

export const customerIdSchema = z
  .string()
  .regex(/^C-\d{4}$/)
  .describe("Customer id exactly as returned by find_customer, e.g. C-1001. Never guess one.");

export const slotIdSchema = z
  .string()
  .regex(/^S-\d+$/)
  .describe("Slot id exactly as returned by find_available_slots, e.g. S-42.");

export const appointmentIdSchema = z
  .string()
  .regex(/^A-\d+$/)
  .describe("Appointment id exactly as returned by list_customer_appointments or book_appointment, e.g. A-5001.");

export const emailSubjectSchema = z.string().trim().min(1).max(200).describe("Subject line, plain text, at most 200 characters.");

export const emailBodySchema = z
  .string()
  .trim()
  .min(1)
  .max(5000)
  .describe("Message body, plain text, at most 5000 characters. Sign it as Northwind Clinic.");

/** Formats cents for messages a model reads, so it never has to guess the unit. */
export function formatCents(cents: number): string {
  return `${cents} cents ($${(cents / 100).toFixed(2)})`;
}
