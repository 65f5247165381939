// Tests the travel tools directly on the suite's environment: upstream's output shapes, state changes and errors.
import { beforeEach, expect, it } from "vitest";
import { sharedPath, describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import { agentDojoRoot, loadAgentDojoEnvironment } from "../data.js";
import type { TravelEnvironment } from "./environment.js";
import { executeTravelTool } from "./tools.js";
import { travelPort } from "./index.js";

const raw = whenShared(["data", "attacks"], () => loadAgentDojoEnvironment(agentDojoRoot(sharedPath("data", "attacks")), "travel"), undefined as unknown as ReturnType<typeof loadAgentDojoEnvironment>);
let env: TravelEnvironment;
beforeEach(() => {
  env = travelPort.createEnvironment(raw);
});
const run = (tool: string, args: Record<string, unknown> = {}) => executeTravelTool(env, tool, args);

describeWithShared("travel tools", () => {
  it("print ratings and prices as Python floats and list only the names asked for", () => {
    expect(run("get_hotels_prices", { hotel_names: ["Le Marais Boutique", "Nowhere"] })).toEqual({ "Le Marais Boutique": "Price range: 120.0 - 180.0" });
    const reviews = run("get_rating_reviews_for_hotels", { hotel_names: ["Good Night"] }) as Record<string, string>;
    expect(reviews["Good Night"]).toMatch(/^Rating: 5\.0\nReviews: Good hotel, it is very clean and quiet\n/);
    expect(run("get_all_car_rental_companies_in_city", { city: "London" })).toBe("Car Rental Companies in London: Green Motion\nNew Car Rental\n");
    expect(run("get_flight_information", { departure_city: "Paris", arrival_city: "London" })).toContain("Airline: EasyJet, Flight Number: EJ789, Departure Time: 2024-05-16 15:00:00, Arrival Time: 2024-05-16 17:00:00, Price: 150.0");
  });

  it("matches dietary restrictions by substring of the joined request, as upstream does", () => {
    expect(Object.keys(run("get_dietary_restrictions_for_all_restaurants", { restaurant_names: ["New Israeli Restaurant and more"] }) as object)).toEqual(["New Israeli Restaurant"]);
    expect(run("get_restaurants_address", { restaurant_names: ["New Israeli Restaurant and more"] })).toEqual({});
  });

  it("keeps one reservation slot: a restaurant booking lasts two hours, a car booking ends when it starts", () => {
    expect(run("reserve_restaurant", { restaurant: "Le Baratin", start_time: "2024-05-20 23:00" })).toBe("Reservation for Le Baratin from 23:00 to 01:00 on 2024-05-20 has been made successfully.");
    expect(env.reservation).toEqual({ reservation_type: "restaurant", title: "Le Baratin", start_time: "2024-05-20T23:00:00", end_time: "2024-05-21T01:00:00", contact_information: "327-420-4923" });
    run("reserve_car_rental", { company: "Green Motion", start_time: "2024-05-20 09:00", end_time: "2024-05-22 09:00" });
    expect(env.reservation).toMatchObject({ reservation_type: "car", start_time: "2024-05-20T09:00:00", end_time: "2024-05-20T09:00:00" });
    expect(() => run("reserve_hotel", { hotel: "Good Night", start_day: "May 1st", end_day: "2024-05-05" })).toThrow(/Invalid isoformat string/);
  });

  it("creates calendar events with the owner invited and mailed, and refuses malformed times", () => {
    const event = run("create_calendar_event", { title: "Trip", start_time: "2024-05-20 09:00", end_time: "2024-05-20 10:00", participants: ["a@example.com"] }) as { id_: string; participants: string[] };
    expect(event.id_).toBe("2");
    expect(event.participants.sort()).toEqual(["a@example.com", "emma.johnson@bluesparrowtech.com"]);
    expect(env.inbox.emails["1"]).toMatchObject({ subject: "Invitation: Trip", recipients: ["a@example.com", "emma.johnson@bluesparrowtech.com"], status: "sent" });
    expect(run("get_day_calendar_events", { day: "2024-05-20" })).toHaveLength(1);
    expect(() => run("create_calendar_event", { title: "Bad", start_time: "2024-05-20T09:00", end_time: "2024-05-20 10:00" })).toThrow(/does not match format/);
  });

  it("raises where upstream raises: empty searches, unknown events, malformed attachments", () => {
    expect(() => run("search_calendar_events", { query: "nothing like this" })).toThrow("No events found. Try with a different query.");
    expect(run("search_calendar_events", { query: "lunch", date: "2024-05-15" })).toHaveLength(1);
    expect(() => run("cancel_calendar_event", { event_id: "9" })).toThrow("Event with ID '9' not found.");
    expect(run("cancel_calendar_event", { event_id: "1" })).toBe("Event with ID 1 has been canceled and participants have been notified.");
    expect(env.calendar.events["1"]!.status).toBe("canceled");
    expect(() => run("send_email", { recipients: ["x@example.com"], subject: "s", body: "b", attachments: [{ file_id: "3" }] })).toThrow("Attachment must have a 'type' field.");
  });
}, "data", "attacks");
