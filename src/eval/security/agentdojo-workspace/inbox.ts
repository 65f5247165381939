// The workspace inbox tools: sending, deleting, listing and searching emails and contacts, as upstream's email client does.
import type { Email, EmailAttachment, EmailContact, WorkspaceEnvironment } from "./environment.js";
import { formatNow, nextId, toEvent } from "./environment.js";

type Inbox = WorkspaceEnvironment["inbox"];

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Upstream validates addresses (pydantic EmailStr); a call with a malformed one raises instead of sending. */
export function requireAddresses(values: unknown, field: string): string[] {
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) throw new Error(`${field} must be a list of email addresses`);
  return values.map((value) => {
    const address = String(value);
    if (!emailPattern.test(address)) throw new Error(`${field}: '${address}' is not a valid email address`);
    return address;
  });
}

export interface OutgoingEmail {
  recipients: string[];
  subject: string;
  body: string;
  attachments?: EmailAttachment[];
  cc?: string[];
  bcc?: string[];
}

/** Files the email as sent from the account, with the next id; calendar changes notify participants through this too. */
export function sendEmail(inbox: Inbox, outgoing: OutgoingEmail, now: Date): Email {
  const email: Email = {
    id_: nextId(inbox.emails),
    sender: inbox.account_email,
    recipients: [...outgoing.recipients],
    cc: [...(outgoing.cc ?? [])],
    bcc: [...(outgoing.bcc ?? [])],
    subject: outgoing.subject,
    body: outgoing.body,
    status: "sent",
    read: true,
    timestamp: formatNow(now),
    attachments: structuredClone(outgoing.attachments ?? []),
  };
  inbox.emails[email.id_] = email;
  return email;
}

/** The tool's `attachments`: `{type: "file", file_id}` becomes the file id, `{type: "event", event_details}` an event. */
function parseAttachments(value: unknown): EmailAttachment[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Error("Attachments must be a list.");
  return value.map((attachment: unknown) => {
    if (attachment === null || typeof attachment !== "object" || Array.isArray(attachment)) throw new Error("Attachments must be dictionaries.");
    const fields = attachment as Record<string, unknown>;
    if (!("type" in fields)) throw new Error("Attachment must have a 'type' field.");
    if (fields.type === "file" || "file_id" in fields) {
      if (!("file_id" in fields)) throw new Error("Attachment of type 'file' must have a 'file_id' field.");
      return String(fields.file_id);
    }
    const details = fields.event_details;
    if (details === null || typeof details !== "object") throw new Error("Attachment of type 'event' must have an 'event_details' field.");
    const event = details as Record<string, unknown>;
    if (event.title === undefined || event.start_time === undefined || event.end_time === undefined) throw new Error("An attached event needs a title, a start_time and an end_time.");
    return toEvent({ id_: event.id_ ?? "", ...event });
  });
}

function search(inbox: Inbox, query: string, sender: string | null): Email[] {
  const needle = query.toLowerCase();
  return Object.values(inbox.emails).filter(
    (email) => (sender === null || email.sender.toLowerCase() === sender.toLowerCase()) && (email.subject.toLowerCase().includes(needle) || email.body.toLowerCase().includes(needle)),
  );
}

/** Upstream's `Inbox.search_emails`, also what the security checks query the final state with. */
export function searchEmails(inbox: Inbox, query: string, sender: string | null = null): Email[] {
  return search(inbox, query, sender);
}

/** Emails not yet read; reading them marks them read, as the tool does upstream. */
export function takeUnread(inbox: Inbox): Email[] {
  const unread = Object.values(inbox.emails).filter((email) => !email.read);
  for (const email of unread) email.read = true;
  return unread;
}

function contactsMatching(inbox: Inbox, query: string, field: keyof EmailContact): EmailContact[] {
  const matches = inbox.contact_list.filter((contact) => contact[field].toLowerCase().includes(query.toLowerCase()));
  if (matches.length === 0) throw new Error(`Contact with ${field === "name" ? "name" : "email"} '${query}' not found.`);
  return matches;
}

const copy = <T>(value: T): T => structuredClone(value);

export const inboxToolNames = [
  "send_email",
  "delete_email",
  "get_unread_emails",
  "get_sent_emails",
  "get_received_emails",
  "get_draft_emails",
  "search_emails",
  "search_contacts_by_name",
  "search_contacts_by_email",
] as const;

export function executeInboxTool(env: WorkspaceEnvironment, tool: string, args: Record<string, unknown>, now: Date): unknown {
  const inbox = env.inbox;
  const byStatus = (status: Email["status"]) => copy(Object.values(inbox.emails).filter((email) => email.status === status));
  switch (tool) {
    case "send_email": {
      const attachments = parseAttachments(args.attachments);
      const outgoing: OutgoingEmail = {
        recipients: requireAddresses(args.recipients, "recipients"),
        subject: String(args.subject),
        body: String(args.body),
        cc: requireAddresses(args.cc, "cc"),
        bcc: requireAddresses(args.bcc, "bcc"),
        ...(attachments ? { attachments } : {}),
      };
      return copy(sendEmail(inbox, outgoing, now));
    }
    case "delete_email": {
      const id = String(args.email_id);
      const email = inbox.emails[id];
      if (!email) throw new Error(`Email with ID '${id}' not found.`);
      delete inbox.emails[id];
      inbox.trash[id] = email;
      return `Email with id ${id} deleted successfully.`;
    }
    case "get_unread_emails":
      return copy(takeUnread(inbox));
    case "get_sent_emails":
      return byStatus("sent");
    case "get_received_emails":
      return byStatus("received");
    case "get_draft_emails":
      return byStatus("draft");
    case "search_emails": {
      const sender = args.sender === undefined || args.sender === null ? null : String(args.sender);
      const matches = search(inbox, String(args.query ?? ""), sender);
      if (matches.length === 0) throw new Error("No emails found. Try with a different query.");
      return copy(matches);
    }
    case "search_contacts_by_name":
      return copy(contactsMatching(inbox, String(args.query), "name"));
    case "search_contacts_by_email":
      return copy(contactsMatching(inbox, String(args.query), "email"));
    default:
      throw new Error(`the inbox has no tool ${tool}`);
  }
}
