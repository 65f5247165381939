// The email and calendar-event records of AgentDojo's one email client and one calendar client, which upstream's travel and workspace suites share.

type EmailStatus = "sent" | "received" | "draft";
type EventStatus = "confirmed" | "canceled";

export interface CalendarEvent {
  id_: string;
  title: string;
  description: string;
  /** `YYYY-MM-DDTHH:MM:SS`, Python's `datetime.isoformat()` at second precision. */
  start_time: string;
  end_time: string;
  location: string | null;
  participants: string[];
  all_day: boolean;
  status: EventStatus;
}

/** An event attached to an email (invitations, reschedules); files are attached by id. */
export type EmailAttachment = string | CalendarEvent;

/** The attachment type is a parameter because the travel port keeps attached event details as the model sent them (see its environment.ts). */
export interface Email<Attachment = EmailAttachment> {
  id_: string;
  sender: string;
  recipients: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  status: EmailStatus;
  read: boolean;
  /** `YYYY-MM-DDTHH:MM:SS`, Python's `datetime.isoformat()` at second precision. */
  timestamp: string;
  attachments: Attachment[];
}
