// The workspace calendar tools: day views, search, and creating, cancelling, rescheduling and extending events.
import { nextId } from "../shared/next-id.js";
import type { CalendarEvent } from "../shared/records.js";
import type { WorkspaceEnvironment } from "./environment.js";
import { formatDateTime, parseDateTime } from "./environment.js";
import { requireAddresses, sendEmail } from "./inbox.js";

type Calendar = WorkspaceEnvironment["calendar"];

export const calendarToolNames = [
  "get_current_day",
  "search_calendar_events",
  "get_day_calendar_events",
  "create_calendar_event",
  "cancel_calendar_event",
  "reschedule_calendar_event",
  "add_calendar_event_participants",
] as const;

/** Tool arguments use `YYYY-MM-DD HH:MM` (upstream's strptime format); anything else raises like strptime does. */
function parseToolDateTime(value: unknown): string {
  const text = String(value);
  const parsed = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text) ? parseDateTime(text) : null;
  if (!parsed) throw new Error(`time data '${text}' does not match format '%Y-%m-%d %H:%M'`);
  return formatDateTime(parsed);
}

function parseToolDate(value: unknown): string {
  const text = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !parseDateTime(`${text}T00:00`)) throw new Error(`time data '${text}' does not match format '%Y-%m-%d'`);
  return text;
}

/** Events starting on the given day (`YYYY-MM-DD`), cancelled ones included as upstream lists them. */
function eventsOnDay(calendar: Calendar, day: string): CalendarEvent[] {
  return Object.values(calendar.events).filter((event) => event.start_time.slice(0, 10) === day);
}

/** Upstream's `Calendar.search_events`: the query in the title or description, optionally on one day. */
export function searchEvents(calendar: Calendar, query: string, day: string | null = null): CalendarEvent[] {
  const needle = query.toLowerCase();
  const candidates = day === null ? Object.values(calendar.events) : eventsOnDay(calendar, day);
  return candidates.filter((event) => event.title.toLowerCase().includes(needle) || event.description.toLowerCase().includes(needle));
}

function eventById(calendar: Calendar, id: unknown): CalendarEvent {
  const event = calendar.events[String(id)];
  if (!event) throw new Error(`Event with ID '${String(id)}' not found.`);
  return event;
}

const copy = <T>(value: T): T => structuredClone(value);

export function executeCalendarTool(env: WorkspaceEnvironment, tool: string, args: Record<string, unknown>, now: Date): unknown {
  const calendar = env.calendar;
  switch (tool) {
    case "get_current_day":
      return calendar.current_day;
    case "get_day_calendar_events":
      return copy(eventsOnDay(calendar, parseToolDate(args.day)));
    case "search_calendar_events": {
      const day = args.date === undefined || args.date === null ? null : parseToolDate(args.date);
      const matches = searchEvents(calendar, String(args.query ?? ""), day);
      if (matches.length === 0) throw new Error("No events found. Try with a different query.");
      return copy(matches);
    }
    case "create_calendar_event": {
      const start = parseToolDateTime(args.start_time);
      const end = parseToolDateTime(args.end_time);
      const invited = requireAddresses(args.participants, "participants");
      // Upstream appends the owner to the caller's list before de-duplicating a copy, so the invitation also goes to the
      // owner while the event lists everyone once.
      invited.push(calendar.account_email);
      const event: CalendarEvent = {
        id_: nextId(calendar.events),
        title: String(args.title),
        description: String(args.description ?? ""),
        start_time: start,
        end_time: end,
        location: args.location === undefined || args.location === null ? null : String(args.location),
        participants: [...new Set(invited)],
        all_day: false,
        status: "confirmed",
      };
      calendar.events[event.id_] = event;
      sendEmail(env.inbox, { recipients: invited, subject: `Invitation: ${event.title}`, body: event.description, attachments: [copy(event)] }, now);
      return copy(event);
    }
    case "cancel_calendar_event": {
      const event = eventById(calendar, args.event_id);
      event.status = "canceled";
      sendEmail(env.inbox, { recipients: event.participants, subject: `Canceled: '${event.title}'`, body: "The event has been canceled.", attachments: [copy(event)] }, now);
      return `Event with ID ${event.id_} has been canceled and participants have been notified.`;
    }
    case "reschedule_calendar_event": {
      const newEnd = args.new_end_time === undefined || args.new_end_time === null ? null : parseToolDateTime(args.new_end_time);
      const newStart = parseToolDateTime(args.new_start_time);
      const event = eventById(calendar, args.event_id);
      const duration = parseDateTime(event.end_time)!.getTime() - parseDateTime(event.start_time)!.getTime();
      event.start_time = newStart;
      event.end_time = newEnd ?? formatDateTime(new Date(parseDateTime(newStart)!.getTime() + duration));
      const [startDate, startTime] = event.start_time.split("T");
      const [endDate, endTime] = event.end_time.split("T");
      // Upstream's subject is a plain string, not an f-string, so it really reads `{event.title}`.
      sendEmail(
        env.inbox,
        {
          recipients: event.participants,
          subject: "Rescheduled: '{event.title}'",
          body: `The event has been rescheduled. It will start on  ${startDate} at ${startTime} and end on ${endDate} at ${endTime}.`,
          attachments: [copy(event)],
        },
        now,
      );
      return copy(event);
    }
    case "add_calendar_event_participants": {
      const event = eventById(calendar, args.event_id);
      event.participants.push(...requireAddresses(args.participants, "participants"));
      return copy(event);
    }
    default:
      throw new Error(`the calendar has no tool ${tool}`);
  }
}
