// The accounts area: find customers, read account summaries, update contact details, refund and close accounts.
import { z } from "zod";
import { defineTool } from "../../tool/index.js";
import type { ToolEffect } from "../../record/index.js";
import type { ToolDefinition } from "../../tool/index.js";
import type { CustomerServiceDependencies } from "./dependencies.js";
import type { CustomerRow, CustomerServiceDatabase } from "./database.js";
import { runIdempotentWrite } from "./idempotency.js";
import { requireCustomer } from "./queries.js";
import { customerIdSchema, formatCents } from "./schemas.js";

export const accountsArea = {
  name: "accounts",
  description: "Look up customers and their account balances, update contact details, issue refunds and close accounts.",
};

/** The most one issue_refund call may return; larger refunds belong to a human billing specialist. */
export const refundCapCents = 20_000;

const minPhoneDigits = 6;
const maxMatches = 10;

const phoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/)
  .describe("Phone number in E.164 format: a plus sign, country code and number, no spaces, e.g. +14155550101.");

function refundedCents(database: CustomerServiceDatabase, customerId: string): number {
  const { total } = database.prepare("SELECT COALESCE(SUM(amount_cents), 0) AS total FROM refunds WHERE customer_id = ?").get(customerId) as {
    total: number;
  };
  return total;
}

function customerMatch(customer: CustomerRow) {
  return { customer_id: customer.id, name: customer.name, email: customer.email, phone: customer.phone, tier: customer.tier, status: customer.status };
}

export function createAccountTools({ database, clock }: CustomerServiceDependencies): ToolDefinition[] {
  const findCustomer = defineTool({
    name: "find_customer",
    description:
      "Look up customers by email address, phone number or part of their name, to get the customer_id every other tool needs. " +
      "Give at least one of email, phone or name; when several are given a customer must match all of them. Returns up to 10 " +
      "matches (customer_id, name, email, phone, tier, status) and their count. If several match, ask the customer which one they are.",
    area: accountsArea.name,
    risk: "read",
    idempotent: true,
    // A name is whatever the customer typed at sign-up.
    untrustedFields: ["/matches/*/name"],
    // Customers' contact details: redacted wherever they reappear in the run's audit trail, not only here.
    sensitiveResult: ["/matches/*/email", "/matches/*/phone"],
    input: z.strictObject({
      email: z.string().trim().min(3).max(254).optional().describe("The customer's full email address; matched exactly, ignoring case."),
      phone: z
        .string()
        .trim()
        .max(32)
        .optional()
        .describe(`The customer's phone number or at least ${minPhoneDigits} consecutive digits of it; spaces, dashes and '+' are ignored.`),
      name: z.string().trim().min(2).max(100).optional().describe("Part of the customer's name, e.g. 'Lopez' or 'Maria Lo'; case is ignored."),
    }),
    execute(args, context) {
      context.signal.throwIfAborted();
      const conditions: string[] = [];
      const parameters: string[] = [];
      if (args.email) {
        conditions.push("email = ? COLLATE NOCASE");
        parameters.push(args.email);
      }
      if (args.phone !== undefined) {
        const digits = args.phone.replace(/\D/g, "");
        if (digits.length < minPhoneDigits) throw new Error(`phone must contain at least ${minPhoneDigits} digits to search by; ask the customer for their full number`);
        conditions.push("replace(phone, '+', '') LIKE ?");
        parameters.push(`%${digits}%`);
      }
      if (args.name) {
        // Escape LIKE wildcards so a name fragment is matched literally.
        conditions.push("name LIKE ? ESCAPE '\\'");
        parameters.push(`%${args.name.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
      }
      if (conditions.length === 0) throw new Error("give at least one of email, phone or name to search for a customer");
      const rows = database.prepare(`SELECT * FROM customers WHERE ${conditions.join(" AND ")} ORDER BY id`).all(...parameters) as CustomerRow[];
      return { matches: rows.slice(0, maxMatches).map(customerMatch), count: rows.length };
    },
  });

  const getAccountSummary = defineTool({
    name: "get_account_summary",
    description:
      "Read one customer's account: contact details, tier, status (active, suspended or closed), outstanding balance_cents owed " +
      "to the clinic, paid_cents, refunded_cents, refundable_cents (the most that can still be refunded), the next upcoming " +
      "appointment and how many are upcoming. Use it before a refund or closure, or when the customer asks about their account.",
    area: accountsArea.name,
    risk: "read",
    idempotent: true,
    untrustedFields: ["/name"],
    sensitiveResult: ["/email", "/phone"],
    input: z.strictObject({ customer_id: customerIdSchema }),
    execute(args, context) {
      context.signal.throwIfAborted();
      const customer = requireCustomer(database, args.customer_id);
      const refunded = refundedCents(database, customer.id);
      const upcoming = database
        .prepare(
          `SELECT a.id AS appointment_id, s.starts_at FROM appointments a JOIN slots s ON s.id = a.slot_id
           WHERE a.customer_id = ? AND a.status = 'booked' AND s.starts_at > ? ORDER BY s.starts_at`,
        )
        .all(customer.id, clock().toISOString()) as { appointment_id: string; starts_at: string }[];
      return {
        ...customerMatch(customer),
        member_since: customer.member_since,
        balance_cents: customer.balance_cents,
        paid_cents: customer.paid_cents,
        refunded_cents: refunded,
        refundable_cents: Math.max(0, customer.paid_cents - refunded),
        upcoming_appointment_count: upcoming.length,
        next_appointment: upcoming[0] ?? null,
        closed_at: customer.closed_at,
      };
    },
  });

  const updateContactDetails = defineTool({
    name: "update_contact_details",
    description:
      "Change a customer's email address and/or phone number on file, when the customer asks to. Give only the fields that change. " +
      "Fails for an unknown or closed account, or an email address another account already uses. Returns customer_id and updated_fields.",
    area: accountsArea.name,
    risk: "write",
    honorsIdempotencyKey: true,
    sensitive: ["/email", "/phone"],
    // Where the clinic's mail and calls go from now on: only values the customer typed (or a person approved).
    steers: { "/customer_id": "id", "/email": "email", "/phone": "phone" },
    input: z.strictObject({
      customer_id: customerIdSchema,
      email: z.email().optional().describe("The new email address, e.g. maria@example.com. Omit to keep the current one."),
      phone: phoneSchema.optional().describe("The new phone number in E.164 format, e.g. +14155550101. Omit to keep the current one."),
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "update_contact_details", args, context, now }, () => {
        if (args.email === undefined && args.phone === undefined) throw new Error("give a new email or phone (or both); nothing to update");
        const customer = requireCustomer(database, args.customer_id);
        if (customer.status === "closed") throw new Error(`customer ${customer.id}'s account is closed; its contact details can no longer change`);
        const updatedFields: ("email" | "phone")[] = [];
        if (args.email !== undefined && args.email.toLowerCase() !== customer.email.toLowerCase()) {
          const owner = database.prepare("SELECT id FROM customers WHERE email = ? COLLATE NOCASE AND id <> ?").get(args.email, customer.id);
          if (owner) throw new Error("that email address already belongs to another customer account; ask the customer for a different address");
          database.prepare("UPDATE customers SET email = ? WHERE id = ?").run(args.email, customer.id);
          updatedFields.push("email");
        }
        if (args.phone !== undefined && args.phone !== customer.phone) {
          database.prepare("UPDATE customers SET phone = ? WHERE id = ?").run(args.phone, customer.id);
          updatedFields.push("phone");
        }
        // The new values are sensitive, so the effect names the fields, never their contents.
        const effects: ToolEffect[] = updatedFields.length
          ? [{ kind: "row.update", target: "customers", detail: { id: customer.id, fields: updatedFields } }]
          : [];
        return { result: { customer_id: customer.id, updated_fields: updatedFields }, effects };
      });
    },
  });

  const issueRefund = defineTool({
    name: "issue_refund",
    description:
      `Refund money to a customer's original payment method. Privileged: confirm the amount and reason with the customer first. ` +
      `At most ${formatCents(refundCapCents)} per call and never more than the customer's refundable_cents (see get_account_summary). ` +
      `Returns refund_id, amount_cents and refundable_remaining_cents.`,
    area: accountsArea.name,
    risk: "privileged",
    honorsIdempotencyKey: true,
    steers: { "/customer_id": "id", "/amount_cents": { kind: "amount", scale: 100 } },
    input: z.strictObject({
      customer_id: customerIdSchema,
      amount_cents: z
        .number()
        .int()
        .positive()
        .max(refundCapCents)
        .describe(`Amount to refund in integer cents, e.g. 2500 for $25.00. At most ${refundCapCents}.`),
      reason: z.string().trim().min(5).max(500).describe("Why the refund is due, e.g. 'Double charge for check-up on 2026-01-02'. Required."),
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "issue_refund", args, context, now }, () => {
        if (!Number.isInteger(args.amount_cents) || args.amount_cents <= 0) throw new Error("amount_cents must be a positive whole number of cents");
        if (args.amount_cents > refundCapCents) {
          throw new Error(
            `amount_cents ${args.amount_cents} is above the per-refund cap of ${formatCents(refundCapCents)}; ` +
              `this tool cannot refund more, so hand a larger refund over to a billing specialist`,
          );
        }
        if (!args.reason?.trim()) throw new Error("a refund needs a reason; ask the customer why the refund is due");
        const customer = requireCustomer(database, args.customer_id);
        const refundable = Math.max(0, customer.paid_cents - refundedCents(database, customer.id));
        if (args.amount_cents > refundable) {
          throw new Error(`customer ${customer.id} has only ${formatCents(refundable)} refundable; refund at most that amount`);
        }
        const { id } = database
          .prepare("INSERT INTO refunds (customer_id, amount_cents, reason, created_at) VALUES (?, ?, ?, ?) RETURNING id")
          .get(customer.id, args.amount_cents, args.reason.trim(), now.toISOString()) as { id: string };
        return {
          result: {
            refund_id: id,
            customer_id: customer.id,
            amount_cents: args.amount_cents,
            reason: args.reason.trim(),
            refundable_remaining_cents: refundable - args.amount_cents,
            status: "issued",
          },
          effects: [{ kind: "money.refund", target: customer.id, detail: { refund_id: id, amount_cents: args.amount_cents } }],
        };
      });
    },
  });

  const closeAccount = defineTool({
    name: "close_account",
    description:
      "Permanently close a customer's account and cancel all their upcoming appointments. Privileged and irreversible: only when the " +
      "customer explicitly asks, after confirming. Fails if the account is already closed or still owes a balance. Returns the closure " +
      "time and the ids of the cancelled appointments.",
    area: accountsArea.name,
    risk: "privileged",
    honorsIdempotencyKey: true,
    // Irreversible: the account to close is one the user named (or a person approved), never one picked from a listing.
    steers: { "/customer_id": { kind: "id", from: ["user", "approval", "allow-list"] } },
    input: z.strictObject({
      customer_id: customerIdSchema,
      reason: z.string().trim().min(3).max(300).describe("Why the customer is closing the account, in their words. Required."),
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "close_account", args, context, now }, () => {
        const customer = requireCustomer(database, args.customer_id);
        if (customer.status === "closed") throw new Error(`customer ${customer.id}'s account was already closed at ${customer.closed_at}`);
        if (customer.balance_cents > 0) {
          throw new Error(`customer ${customer.id} still owes ${formatCents(customer.balance_cents)}; the balance must be settled before closing the account`);
        }
        const timestamp = now.toISOString();
        database
          .prepare("UPDATE customers SET status = 'closed', closed_at = ?, closure_reason = ? WHERE id = ?")
          .run(timestamp, args.reason.trim(), customer.id);
        const cancelled = database
          .prepare(
            `UPDATE appointments SET status = 'cancelled', cancellation_reason = 'account closed', updated_at = ?
             WHERE customer_id = ? AND status = 'booked'
               AND slot_id IN (SELECT id FROM slots WHERE starts_at > ?)
             RETURNING id`,
          )
          .all(timestamp, customer.id, timestamp) as { id: string }[];
        const cancelledIds = cancelled.map((row) => row.id).sort();
        return {
          result: { customer_id: customer.id, status: "closed", closed_at: timestamp, cancelled_appointment_ids: cancelledIds },
          effects: [
            { kind: "row.update", target: "customers", detail: { id: customer.id, status: "closed" } },
            ...cancelledIds.map((id) => ({ kind: "row.update", target: "appointments", detail: { id, status: "cancelled" } })),
          ],
        };
      });
    },
  });

  return [findCustomer, getAccountSummary, updateContactDetails, issueRefund, closeAccount];
}
