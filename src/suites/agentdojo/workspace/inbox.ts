// The workspace inbox tools: sending, deleting, listing and searching emails and contacts, as upstream's email client does.
import { parseAttachments } from "../shared/attachments.js";
import type { CalendarEvent, Email, EmailAttachment } from "../shared/records.js";
import type { OutgoingEmail } from "../shared/send-email.js";
import { sendEmail as fileSentEmail } from "../shared/send-email.js";
import type { EmailContact, WorkspaceEnvironment } from "./environment.js";
import { formatNow, toEvent } from "./environment.js";

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

/**
 * Files the email as sent from the account, with the next id; calendar changes notify participants through this too.
 * Stamped with the clock, as upstream's `datetime.now()`. Detached from the caller's lists because
 * add_calendar_event_participants later grows an event's participant list in place, and an invitation or cancellation
 * already mailed to that list must keep the recipients it went to.
 */
export function sendEmail(inbox: Inbox, outgoing: OutgoingEmail<EmailAttachment>, now: Date): Email {
  return fileSentEmail(inbox, outgoing, { timestamp: formatNow(now), detach: true });
}

/** An attached event's details must name a title and times, and become a full CalendarEvent, as upstream's model does. */
function readEvent(details: unknown): CalendarEvent {
  if (details === null || typeof details !== "object") throw new Error("Attachment of type 'event' must have an 'event_details' field.");
  const event = details as Record<string, unknown>;
  if (event.title === undefined || event.start_time === undefined || event.end_time === undefined) throw new Error("An attached event needs a title, a start_time and an end_time.");
  return toEvent({ id_: event.id_ ?? "", ...event });
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
function takeUnread(inbox: Inbox): Email[] {
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
      const attachments = parseAttachments(args.attachments, readEvent);
      const outgoing: OutgoingEmail<EmailAttachment> = {
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
