// Filing a sent email in an inbox, as AgentDojo's shared email client does for the send_email tool and calendar notifications.
import { nextId } from "./next-id.js";
import type { Email } from "./records.js";

export interface OutgoingEmail<Attachment> {
  recipients: string[];
  subject: string;
  body: string;
  attachments?: Attachment[];
  cc?: string[];
  bcc?: string[];
}

/** Where the ports differ; each caller says why it chose its values. */
export interface SendPolicy {
  /** The sent email's `timestamp`, `YYYY-MM-DDTHH:MM:SS`. */
  timestamp: string;
  /** Copy the recipient lists and deep-clone the attachments, so later edits to the caller's lists do not reach the sent email. */
  detach: boolean;
}

/** Files the email as sent and read from the inbox's account, under the inbox's next id, and returns it. */
export function sendEmail<Attachment>(inbox: { account_email: string; emails: Record<string, Email<Attachment>> }, outgoing: OutgoingEmail<Attachment>, policy: SendPolicy): Email<Attachment> {
  const keep = <T>(value: T): T => (policy.detach ? structuredClone(value) : value);
  const email: Email<Attachment> = {
    id_: nextId(inbox.emails),
    sender: inbox.account_email,
    recipients: keep(outgoing.recipients),
    cc: keep(outgoing.cc ?? []),
    bcc: keep(outgoing.bcc ?? []),
    subject: outgoing.subject,
    body: outgoing.body,
    status: "sent",
    read: true,
    timestamp: policy.timestamp,
    attachments: keep(outgoing.attachments ?? []),
  };
  inbox.emails[email.id_] = email;
  return email;
}
