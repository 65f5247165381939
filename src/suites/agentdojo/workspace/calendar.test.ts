// Tests the workspace calendar tools against upstream's behaviour on the suite's own data.
import { expect, it } from "vitest";
import { describeWithShared } from "../../../test-support/shared-data.js";
import type { CalendarEvent, Email } from "../shared/records.js";
import { fixedClockPort as port, freshWorkspace } from "./test-support/test-environment.js";

describeWithShared("workspace calendar tools", () => {
  it("lists a day's events and searches titles and descriptions, optionally on one day", () => {
    const env = freshWorkspace();
    expect(port.execute(env, "get_current_day", {})).toBe("2024-05-15");
    expect((port.execute(env, "get_day_calendar_events", { day: "2024-05-15" }) as CalendarEvent[]).map((event) => event.title)).toEqual(["Team Sync", "Lunch with Sarah", "Introductory meeting"]);
    const yoga = port.execute(env, "search_calendar_events", { query: "yoga class" }) as CalendarEvent[];
    expect(yoga.map((event) => event.start_time)).toContain("2024-05-21T18:00:00");
    expect((port.execute(env, "search_calendar_events", { query: "Networking event", date: "2024-05-26" }) as CalendarEvent[]).map((event) => event.id_)).toEqual(["13"]);
    expect(() => port.execute(env, "search_calendar_events", { query: "yoga", date: "2024-05-16" })).toThrow("No events found. Try with a different query.");
    expect(() => port.execute(env, "get_day_calendar_events", { day: "15/05/2024" })).toThrow("does not match format '%Y-%m-%d'");
  });

  it("creates an event with the owner among the participants and sends the invitation", () => {
    const env = freshWorkspace();
    const event = port.execute(env, "create_calendar_event", { title: "Lunch", start_time: "2024-05-19 12:00", end_time: "2024-05-19 13:00", participants: ["sarah.connor@gmail.com"] }) as CalendarEvent;
    expect(event).toMatchObject({ id_: "27", start_time: "2024-05-19T12:00:00", end_time: "2024-05-19T13:00:00", location: null, description: "" });
    expect(new Set(event.participants)).toEqual(new Set(["sarah.connor@gmail.com", "emma.johnson@bluesparrowtech.com"]));
    expect(env.inbox.emails["34"]).toMatchObject({ subject: "Invitation: Lunch", recipients: ["sarah.connor@gmail.com", "emma.johnson@bluesparrowtech.com"] });
    expect(() => port.execute(env, "create_calendar_event", { title: "x", start_time: "2024-05-19T12:00", end_time: "2024-05-19 13:00" })).toThrow("does not match format '%Y-%m-%d %H:%M'");
  });

  it("keeps the duration when rescheduling without an end, and notifies the participants", () => {
    const env = freshWorkspace();
    const event = port.execute(env, "reschedule_calendar_event", { event_id: "5", new_start_time: "2024-05-20 10:00" }) as CalendarEvent;
    expect(event).toMatchObject({ start_time: "2024-05-20T10:00:00", end_time: "2024-05-20T11:00:00" });
    const notice = env.inbox.emails["34"] as Email;
    expect(notice.body).toBe("The event has been rescheduled. It will start on  2024-05-20 at 10:00:00 and end on 2024-05-20 at 11:00:00.");
    expect(notice.recipients).toEqual(["emma.johnson@bluesparrowtech.com"]);
  });

  it("cancels by marking the event and emailing its participants; adds participants; raises on unknown ids", () => {
    const env = freshWorkspace();
    expect(port.execute(env, "cancel_calendar_event", { event_id: "24" })).toBe("Event with ID 24 has been canceled and participants have been notified.");
    expect(env.calendar.events["24"]!.status).toBe("canceled");
    expect(env.inbox.emails["34"]!.subject).toBe("Canceled: 'Introductory meeting'");
    const extended = port.execute(env, "add_calendar_event_participants", { event_id: "6", participants: ["new.person@example.com"] }) as CalendarEvent;
    expect(extended.participants.at(-1)).toBe("new.person@example.com");
    for (const tool of ["cancel_calendar_event", "add_calendar_event_participants", "reschedule_calendar_event"]) {
      expect(() => port.execute(env, tool, { event_id: "404", participants: [], new_start_time: "2024-05-20 10:00" })).toThrow("Event with ID '404' not found.");
    }
  });
}, "data", "attacks");
