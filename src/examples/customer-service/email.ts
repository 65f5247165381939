// The email area: queue a message to one customer or a tier of customers, and read the outbox.
import { z } from "zod";
import { defineTool } from "../../tool/index.js";
import type { ToolDefinition } from "../../tool/index.js";
import type { CustomerServiceDependencies } from "./dependencies.js";
import type { CustomerRow } from "./database.js";
import { customerTiers } from "./database.js";
import { runIdempotentWrite } from "./idempotency.js";
import { requireCustomer } from "./queries.js";
import { customerIdSchema, emailBodySchema, emailSubjectSchema } from "./schemas.js";

export const emailArea = {
  name: "email",
  description: "Send an email to one customer or to every active customer of a tier, and review the outbox of queued emails.",
};

export interface OutboxMessage {
  message_id: string;
  to: string;
  customer_id: string | null;
  subject: string;
  body: string;
  status: "queued";
  campaign_id: string | null;
  queued_at: string;
}

const outboxSelect = `SELECT id AS message_id, to_address AS "to", customer_id, subject, body, status, campaign_id, created_at AS queued_at FROM outbox`;

export function createEmailTools({ database, clock }: CustomerServiceDependencies): ToolDefinition[] {
  const insertMessage = (to: string, customerId: string | null, subject: string, body: string, campaignId: string | null, queuedAt: string) =>
    (
      database
        .prepare(
          "INSERT INTO outbox (to_address, customer_id, subject, body, status, campaign_id, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?) RETURNING id",
        )
        .get(to, customerId, subject, body, campaignId, queuedAt) as { id: string }
    ).id;

  const sendEmail = defineTool({
    name: "send_email",
    description:
      "Queue one plain-text email, either to a customer on file (customer_id, preferred: uses the address on file) or to an explicit " +
      "address (to_address). Give exactly one of the two. Use it for confirmations and answers the customer asked to get by email. " +
      "Fails for an unknown customer or a closed account. Returns message_id, the recipient address, and status 'queued'.",
    area: emailArea.name,
    risk: "write",
    honorsIdempotencyKey: true,
    // Who receives it, and the links or addresses the text hands them (see the security section of the README).
    steers: { "/customer_id": "id", "/to_address": "email", "/subject": { kind: "text", embedded: true }, "/body": { kind: "text", embedded: true } },
    untrustedFields: ["/subject"],
    input: z.strictObject({
      customer_id: customerIdSchema.optional().describe("Send to this customer's email address on file, e.g. C-1001. Omit when using to_address."),
      to_address: z.email().optional().describe("Send to this exact email address instead, e.g. maria@example.com. Omit when using customer_id."),
      subject: emailSubjectSchema,
      body: emailBodySchema,
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "send_email", args, context, now }, () => {
        if ((args.customer_id === undefined) === (args.to_address === undefined)) {
          throw new Error("give exactly one of customer_id or to_address");
        }
        let customer: CustomerRow | undefined;
        if (args.customer_id !== undefined) customer = requireCustomer(database, args.customer_id);
        else customer = database.prepare("SELECT * FROM customers WHERE email = ? COLLATE NOCASE").get(args.to_address) as CustomerRow | undefined;
        if (customer?.status === "closed") throw new Error(`customer ${customer.id}'s account is closed; closed accounts are not emailed`);
        const to = customer?.email ?? (args.to_address as string);
        const id = insertMessage(to, customer?.id ?? null, args.subject, args.body, null, now.toISOString());
        const message = database.prepare(`${outboxSelect} WHERE id = ?`).get(id) as OutboxMessage;
        return {
          result: { message_id: message.message_id, to: message.to, customer_id: message.customer_id, subject: message.subject, status: message.status, queued_at: message.queued_at },
          effects: [{ kind: "email.queued", target: "outbox", detail: { id, to } }],
        };
      });
    },
  });

  const listOutbox = defineTool({
    name: "list_outbox",
    description:
      "List queued emails, newest first, optionally only those to one customer. Use it to check whether a message was already sent " +
      "before sending it again. Returns message_id, to, customer_id, subject, body, campaign_id and queued_at for each, and the total count.",
    area: emailArea.name,
    risk: "read",
    idempotent: true,
    // Queued mail holds whatever text went into it, customers' words included.
    untrustedFields: ["/messages/*/subject", "/messages/*/body"],
    input: z.strictObject({
      customer_id: customerIdSchema.optional().describe("Only messages to this customer, e.g. C-1001. Omit for all messages."),
      limit: z.number().int().min(1).max(100).optional().describe("Most messages to return, newest first. Defaults to 20."),
    }),
    execute(args, context) {
      context.signal.throwIfAborted();
      if (args.customer_id !== undefined) requireCustomer(database, args.customer_id);
      const where = args.customer_id !== undefined ? " WHERE customer_id = ?" : "";
      const parameters = args.customer_id !== undefined ? [args.customer_id] : [];
      const { total } = database.prepare(`SELECT count(*) AS total FROM outbox${where}`).get(...parameters) as { total: number };
      const messages = database.prepare(`${outboxSelect}${where} ORDER BY number DESC LIMIT ?`).all(...parameters, args.limit ?? 20) as OutboxMessage[];
      return { messages, total };
    },
  });

  const sendBulkEmail = defineTool({
    name: "send_bulk_email",
    description:
      "Queue the same email to every active customer of one tier (or all tiers). Privileged: confirm the audience and wording first. " +
      "Suspended and closed accounts are skipped. '{{name}}' in the body is replaced by each customer's name. Returns campaign_id, " +
      "recipient_count and the message ids.",
    area: emailArea.name,
    risk: "privileged",
    honorsIdempotencyKey: true,
    steers: { "/subject": { kind: "text", embedded: true }, "/body": { kind: "text", embedded: true } },
    input: z.strictObject({
      tier: z.enum([...customerTiers, "all"]).describe("Which customers receive it: 'standard', 'plus', 'premier', or 'all' active customers."),
      subject: emailSubjectSchema,
      body: emailBodySchema.describe("Message body, plain text, at most 5000 characters; '{{name}}' becomes each recipient's name."),
    }),
    execute(args, context) {
      const now = clock();
      return runIdempotentWrite({ database, tool: "send_bulk_email", args, context, now }, () => {
        const recipients = database
          .prepare(`SELECT * FROM customers WHERE status = 'active'${args.tier === "all" ? "" : " AND tier = ?"} ORDER BY id`)
          .all(...(args.tier === "all" ? [] : [args.tier])) as CustomerRow[];
        if (recipients.length === 0) throw new Error(`no active customers in tier ${args.tier}; nothing was sent`);
        const { campaigns } = database.prepare("SELECT count(DISTINCT campaign_id) AS campaigns FROM outbox").get() as { campaigns: number };
        const campaignId = `CMP-${campaigns + 1}`;
        const queuedAt = now.toISOString();
        const messageIds = recipients.map((customer) =>
          insertMessage(customer.email, customer.id, args.subject, args.body.replaceAll("{{name}}", customer.name), campaignId, queuedAt),
        );
        return {
          result: { campaign_id: campaignId, tier: args.tier, recipient_count: recipients.length, message_ids: messageIds },
          effects: recipients.map((customer, index) => ({
            kind: "email.queued",
            target: "outbox",
            detail: { id: messageIds[index] ?? null, to: customer.email, campaign_id: campaignId },
          })),
        };
      });
    },
  });

  return [sendEmail, listOutbox, sendBulkEmail];
}
