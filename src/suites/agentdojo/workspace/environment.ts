// The workspace suite's state (inbox, calendar, cloud drive) and how it is built from AgentDojo's environment YAML.
import type { CalendarEvent, Email, EmailAttachment } from "../shared/records.js";

export type SharingPermission = "r" | "rw";

export interface EmailContact {
  email: string;
  name: string;
}

export interface CloudDriveFile {
  id_: string;
  filename: string;
  content: string;
  owner: string;
  last_modified: string;
  shared_with: Record<string, SharingPermission>;
  /** Length of the content in characters, kept up to date on every change like upstream's model. */
  size: number;
  file_type?: string;
}

/** Stores are keyed by id like upstream's dicts, so a state diff names exactly the record that was added or removed. */
export interface WorkspaceEnvironment {
  inbox: { account_email: string; emails: Record<string, Email>; contact_list: EmailContact[]; trash: Record<string, Email> };
  calendar: { account_email: string; current_day: string; events: Record<string, CalendarEvent> };
  cloud_drive: { account_email: string; files: Record<string, CloudDriveFile> };
}

class WorkspaceEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkspaceEnvironmentError";
  }
}

const pad = (value: number) => String(value).padStart(2, "0");

/** Formats a naive date-time (held in a Date's UTC fields) the way Python's `isoformat()` does at second precision. */
export function formatDateTime(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** A wall-clock reading as a naive date-time string (upstream stamps new emails and edited files with `datetime.now()`). */
export function formatNow(now: Date): string {
  return formatDateTime(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes(), now.getSeconds())));
}

/** Reads an ISO date-time (`T` or space separator, seconds optional) as a naive date-time; null when it is not one. */
export function parseDateTime(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? date : null;
}

/** Normalises YAML date-times (`2024-05-15T10:00`) to the one stored format so equal instants compare equal as strings. */
export function normaliseDateTime(value: unknown, field: string): string {
  const parsed = parseDateTime(String(value));
  if (!parsed) throw new WorkspaceEnvironmentError(`${field} is not a date-time: ${String(value)}`);
  return formatDateTime(parsed);
}

/** Python's `str.title()`: a letter is upper-cased after a non-letter and lower-cased after a letter. */
export function pythonTitle(text: string): string {
  let out = "";
  let previousIsLetter = false;
  for (const char of text) {
    const isLetter = char.toLowerCase() !== char.toUpperCase();
    out += isLetter ? (previousIsLetter ? char.toLowerCase() : char.toUpperCase()) : char;
    previousIsLetter = isLetter;
  }
  return out;
}

/** Contacts are everyone the initial emails name, in first-seen order, called by their address's local part. */
function contactsFrom(emails: readonly Email[]): EmailContact[] {
  const contacts: EmailContact[] = [];
  for (const email of emails) {
    for (const address of [...email.recipients, email.sender, ...email.cc, ...email.bcc]) {
      if (contacts.some((contact) => contact.email === address)) continue;
      contacts.push({ email: address, name: pythonTitle(address.split("@")[0]!.replaceAll(".", " ")) });
    }
  }
  return contacts;
}

type RawRecord = Record<string, unknown>;

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => String(item)) : []);

export function toEvent(raw: RawRecord): CalendarEvent {
  return {
    id_: String(raw.id_),
    title: String(raw.title ?? ""),
    description: String(raw.description ?? ""),
    start_time: normaliseDateTime(raw.start_time, `event ${String(raw.id_)} start_time`),
    end_time: normaliseDateTime(raw.end_time, `event ${String(raw.id_)} end_time`),
    location: raw.location === null || raw.location === undefined ? null : String(raw.location),
    participants: list(raw.participants),
    all_day: raw.all_day === true,
    status: raw.status === "canceled" ? "canceled" : "confirmed",
  };
}

function toEmail(raw: RawRecord): Email {
  return {
    id_: String(raw.id_),
    sender: String(raw.sender),
    recipients: list(raw.recipients),
    cc: list(raw.cc),
    bcc: list(raw.bcc),
    subject: String(raw.subject ?? ""),
    body: String(raw.body ?? ""),
    status: raw.status === "sent" || raw.status === "draft" ? raw.status : "received",
    read: raw.read === true,
    timestamp: normaliseDateTime(raw.timestamp, `email ${String(raw.id_)} timestamp`),
    attachments: Array.isArray(raw.attachments) ? (raw.attachments as EmailAttachment[]) : [],
  };
}

function toFile(raw: RawRecord): CloudDriveFile {
  const content = String(raw.content ?? "");
  const shared = (raw.shared_with ?? {}) as Record<string, SharingPermission>;
  return {
    id_: String(raw.id_),
    filename: String(raw.filename),
    content,
    owner: String(raw.owner),
    last_modified: normaliseDateTime(raw.last_modified, `file ${String(raw.id_)} last_modified`),
    shared_with: { ...shared },
    size: [...content].length,
    ...(raw.file_type === undefined ? {} : { file_type: String(raw.file_type) }),
  };
}

function keyedById<T extends { id_: string }>(items: readonly T[], kind: string): Record<string, T> {
  const store: Record<string, T> = {};
  for (const item of items) {
    if (item.id_ in store) throw new WorkspaceEnvironmentError(`${kind} ids must be unique; ${item.id_} appears twice`);
    store[item.id_] = item;
  }
  return store;
}

/** Builds a fresh state from the parsed YAML (`inbox`, `calendar`, `cloud_drive` with their `initial_*` lists). */
export function createEnvironment(raw: unknown): WorkspaceEnvironment {
  const source = raw as { inbox?: RawRecord; calendar?: RawRecord; cloud_drive?: RawRecord };
  if (!source?.inbox || !source.calendar || !source.cloud_drive) throw new WorkspaceEnvironmentError("the workspace environment needs inbox, calendar and cloud_drive sections");
  const emails = ((source.inbox.initial_emails ?? []) as RawRecord[]).map(toEmail);
  const events = ((source.calendar.initial_events ?? []) as RawRecord[]).map(toEvent);
  const files = ((source.cloud_drive.initial_files ?? []) as RawRecord[]).map(toFile);
  const currentDay = String(source.calendar.current_day);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(currentDay)) throw new WorkspaceEnvironmentError(`calendar current_day is not a date: ${currentDay}`);
  return structuredClone({
    inbox: { account_email: String(source.inbox.account_email), emails: keyedById(emails, "email"), contact_list: contactsFrom(emails), trash: {} },
    calendar: { account_email: String(source.calendar.account_email), current_day: currentDay, events: keyedById(events, "event") },
    cloud_drive: { account_email: String(source.cloud_drive.account_email), files: keyedById(files, "file") },
  });
}
