// The travel suite's 28 tools: their risk/trust classification and their behaviour on a TravelEnvironment, as upstream.
import { parseAttachments } from "../shared/attachments.js";
import { nextId } from "../shared/next-id.js";
import type { OutgoingEmail } from "../shared/send-email.js";
import { sendEmail as fileSentEmail } from "../shared/send-email.js";
import { emailSteers, invitationSteers } from "../shared/steering.js";
import type { SuitePort } from "../suite-port.js";
import type { ProvenanceOrigin } from "../../../record/index.js";
import type { CalendarEvent, CarRentalCompany, Email, Hotel, ReservationType, Restaurant, TravelEnvironment } from "./environment.js";
import { addHours, parseCalendarDay, parseCalendarTime, parseIsoDateTime, pythonFloat } from "./environment.js";

// Risk: reservations commit the user to a payment, so they are privileged; creating or cancelling a calendar event and
// sending an email are ordinary writes (cancelling only marks the event canceled and notifies, nothing is destroyed);
// everything else only looks. Untrusted: reviews of hotels, restaurants and car rentals are written by strangers (that is
// where the suite's injections live), and calendar events carry descriptions that invitations from others set. Catalogue
// facts (names, prices, addresses, hours, flights) and the user's own profile come from the operator and are trusted.
const namedByUser: ProvenanceOrigin[] = ["user", "approval", "allow-list"];

export const travelTools: SuitePort<TravelEnvironment>["tools"] = {
  get_user_information: { risk: "read", untrusted: false }, // the user's own profile
  get_all_hotels_in_city: { risk: "read", untrusted: false }, // catalogue names
  get_hotels_prices: { risk: "read", untrusted: false }, // catalogue prices
  get_rating_reviews_for_hotels: { risk: "read", untrusted: true }, // guests' reviews
  get_hotels_address: { risk: "read", untrusted: false }, // catalogue address
  get_all_restaurants_in_city: { risk: "read", untrusted: false }, // catalogue names
  get_cuisine_type_for_restaurants: { risk: "read", untrusted: false }, // catalogue fact
  get_restaurants_address: { risk: "read", untrusted: false }, // catalogue address
  get_rating_reviews_for_restaurants: { risk: "read", untrusted: true }, // diners' reviews
  get_dietary_restrictions_for_all_restaurants: { risk: "read", untrusted: false }, // catalogue fact
  get_contact_information_for_restaurants: { risk: "read", untrusted: false }, // catalogue fact
  get_price_for_restaurants: { risk: "read", untrusted: false }, // catalogue price
  check_restaurant_opening_hours: { risk: "read", untrusted: false }, // catalogue hours
  get_all_car_rental_companies_in_city: { risk: "read", untrusted: false }, // catalogue names
  get_car_types_available: { risk: "read", untrusted: false }, // catalogue fact
  get_rating_reviews_for_car_rental: { risk: "read", untrusted: true }, // renters' reviews
  get_car_fuel_options: { risk: "read", untrusted: false }, // catalogue fact
  get_car_rental_address: { risk: "read", untrusted: false }, // catalogue address
  get_car_price_per_day: { risk: "read", untrusted: false }, // catalogue price
  create_calendar_event: { risk: "write", untrusted: false, steers: invitationSteers }, // adds an event and mails its participants; returns what it was given
  search_calendar_events: { risk: "read", untrusted: true }, // events include invitations other people wrote
  get_day_calendar_events: { risk: "read", untrusted: true }, // same events as search
  cancel_calendar_event: { risk: "write", untrusted: false, steers: { "/event_id": "id" } }, // marks canceled and notifies; reversible, nothing deleted
  // A booking commits the user to pay whoever it names: the user names them (or a person approves), a catalogue listing alone does not.
  reserve_hotel: { risk: "privileged", untrusted: false, steers: { "/hotel": { kind: "name", from: namedByUser } } }, // commits the user to paying for a stay
  reserve_car_rental: { risk: "privileged", untrusted: false, steers: { "/company": { kind: "name", from: namedByUser } } }, // commits the user to paying for a rental
  reserve_restaurant: { risk: "privileged", untrusted: false, steers: { "/restaurant": { kind: "name", from: namedByUser } } }, // commits the user to a booking (no-show fees)
  get_flight_information: { risk: "read", untrusted: false }, // operator's timetable
  send_email: { risk: "write", untrusted: false, steers: emailSteers }, // communication; returns the email just sent
};

function names(args: Record<string, unknown>, key: string): string[] {
  const value = args[key];
  if (!Array.isArray(value)) throw new Error(`${key} must be a list of names`);
  return value.map(String);
}

function pick<T extends { name: string }, V>(list: readonly T[], wanted: (item: T) => boolean, value: (item: T) => V): Record<string, V> {
  return Object.fromEntries(list.filter(wanted).map((item) => [item.name, value(item)]));
}

const ratingAndReviews = (item: { rating: number; reviews: string[] }) => `Rating: ${pythonFloat(item.rating)}\nReviews: ${item.reviews.join("\n")}`;

type NamedLookup = (env: TravelEnvironment, args: Record<string, unknown>) => Record<string, unknown>;

/** A tool that answers one field for every catalogue entry whose name is in its list argument (exact name match). */
function lookup<T extends { name: string }>(catalogue: (env: TravelEnvironment) => readonly T[], argument: string, field: (item: T) => unknown): NamedLookup {
  return (env, args) => {
    const wanted = names(args, argument);
    return pick(catalogue(env), (item) => wanted.includes(item.name), field);
  };
}

const hotelField = (field: (item: Hotel) => unknown) => lookup((env) => env.hotels.hotel_list, "hotel_names", field);
const restaurantField = (field: (item: Restaurant) => unknown) => lookup((env) => env.restaurants.restaurant_list, "restaurant_names", field);
const carRentalField = (field: (item: CarRentalCompany) => unknown) => lookup((env) => env.car_rental.company_list, "company_name", field);

// Upstream writes each of these as its own function; they differ only in catalogue, argument and field. A Map, not an
// object literal, so a tool name such as "constructor" cannot reach Object.prototype.
const namedLookups = new Map<string, NamedLookup>([
  ["get_hotels_prices", hotelField((item) => `Price range: ${pythonFloat(item.price_min)} - ${pythonFloat(item.price_max)}`)],
  ["get_rating_reviews_for_hotels", hotelField(ratingAndReviews)],
  ["get_cuisine_type_for_restaurants", restaurantField((item) => item.cuisine_type)],
  ["get_restaurants_address", restaurantField((item) => item.address)],
  ["get_rating_reviews_for_restaurants", restaurantField(ratingAndReviews)],
  ["get_contact_information_for_restaurants", restaurantField((item) => item.contact_information)],
  ["get_price_for_restaurants", restaurantField((item) => item.price_per_person)],
  ["check_restaurant_opening_hours", restaurantField((item) => item.operating_hours)],
  ["get_car_types_available", carRentalField((item) => item.car_types_available)],
  ["get_rating_reviews_for_car_rental", carRentalField(ratingAndReviews)],
  ["get_car_fuel_options", carRentalField((item) => item.fuel_options)],
  ["get_car_rental_address", carRentalField((item) => item.address)],
  ["get_car_price_per_day", carRentalField((item) => item.price_per_day)],
]);

/**
 * Emails are stamped with the calendar's current day rather than the wall clock, so replays are deterministic. They share
 * the caller's lists (no detaching): no travel tool edits a list after mailing it, so the port never needed the copies.
 */
function sendEmail(env: TravelEnvironment, message: OutgoingEmail<unknown>): Email {
  return fileSentEmail(env.inbox, message, { timestamp: `${env.calendar.current_day}T00:00:00`, detach: false });
}

/** Attached event details are kept as sent; see `Email` in environment.ts for why travel does not rebuild them. */
const keepEventDetails = (details: unknown): unknown => details;

function reserve(env: TravelEnvironment, type: ReservationType, title: string, start: string, end: string): void {
  env.reservation = { reservation_type: type, title, start_time: start, end_time: end, contact_information: env.user.phone_number };
}

const optionalList = (value: unknown) => (value === undefined || value === null ? undefined : (value as unknown[]).map(String));

export function executeTravelTool(env: TravelEnvironment, tool: string, args: Record<string, unknown>): unknown {
  const named = namedLookups.get(tool);
  if (named) return named(env, args);
  const str = (key: string) => String(args[key]);
  const hotels = env.hotels.hotel_list;
  const restaurants = env.restaurants.restaurant_list;
  const companies = env.car_rental.company_list;
  switch (tool) {
    case "get_user_information": {
      const user = env.user;
      return {
        "First Name": user.first_name,
        "Last Name": user.last_name,
        "ID Number": user.ID_number,
        Email: user.email,
        "Phone Number": user.phone_number,
        Address: user.address,
        "Passport Number": user.passport_number,
        "Bank Account Number": user.bank_account_number,
        "Credit Card Number": user.credit_card_number,
      };
    }
    case "get_all_hotels_in_city":
      return `Hotel Names: ${hotels.filter((hotel) => hotel.city === str("city")).map((hotel) => hotel.name).join("\n")}\n`;
    case "get_hotels_address":
      return pick(hotels, (hotel) => hotel.name === str("hotel_name"), (hotel) => hotel.address);
    case "get_all_restaurants_in_city":
      return `Restaurant in ${str("city")}: ${restaurants.filter((restaurant) => restaurant.city === str("city")).map((restaurant) => restaurant.name).join("\n")}\n`;
    case "get_dietary_restrictions_for_all_restaurants": {
      // Upstream matches each name as a substring of the comma-joined request, not as a list member.
      const joined = names(args, "restaurant_names").join(", ");
      return pick(restaurants, (restaurant) => joined.includes(restaurant.name), (restaurant) => restaurant.dietary_restrictions);
    }
    case "get_all_car_rental_companies_in_city":
      return `Car Rental Companies in ${str("city")}: ${companies.filter((company) => company.city === str("city")).map((company) => company.name).join("\n")}\n`;
    case "create_calendar_event": {
      const start = parseCalendarTime(str("start_time"));
      const end = parseCalendarTime(str("end_time"));
      const participants = optionalList(args.participants) ?? [];
      const description = args.description === undefined || args.description === null ? "" : str("description");
      const event: CalendarEvent = {
        id_: nextId(env.calendar.events),
        title: str("title"),
        description,
        start_time: start,
        end_time: end,
        location: args.location === undefined || args.location === null ? null : str("location"),
        participants: [...new Set([...participants, env.calendar.account_email])],
        all_day: false,
        status: "confirmed",
      };
      env.calendar.events[event.id_] = event;
      // Upstream mails the caller's list after the owner was appended to it, so the owner gets the invitation too.
      sendEmail(env, { recipients: [...participants, env.calendar.account_email], subject: `Invitation: ${event.title}`, body: description, attachments: [structuredClone(event)] });
      return event;
    }
    case "search_calendar_events": {
      const day = args.date === undefined || args.date === null ? undefined : parseCalendarDay(str("date"));
      const query = str("query").toLowerCase();
      const matches = Object.values(env.calendar.events).filter(
        (event) => (day === undefined || event.start_time.startsWith(day)) && (event.title.toLowerCase().includes(query) || event.description.toLowerCase().includes(query)),
      );
      if (matches.length === 0) throw new Error("No events found. Try with a different query.");
      return matches;
    }
    case "get_day_calendar_events": {
      const day = parseCalendarDay(str("day"));
      return Object.values(env.calendar.events).filter((event) => event.start_time.startsWith(day));
    }
    case "cancel_calendar_event": {
      const event = env.calendar.events[str("event_id")];
      if (!event) throw new Error(`Event with ID '${str("event_id")}' not found.`);
      event.status = "canceled";
      sendEmail(env, { recipients: event.participants, subject: `Canceled: '${event.title}'`, body: "The event has been canceled.", attachments: [structuredClone(event)] });
      return `Event with ID ${str("event_id")} has been canceled and participants have been notified.`;
    }
    case "reserve_hotel": {
      reserve(env, "hotel", str("hotel"), parseIsoDateTime(str("start_day")), parseIsoDateTime(str("end_day")));
      return `Reservation for ${str("hotel")} from ${str("start_day")} to ${str("end_day")} has been made successfully.`;
    }
    case "reserve_restaurant": {
      const start = parseIsoDateTime(str("start_time"));
      const end = addHours(start, 2);
      reserve(env, "restaurant", str("restaurant"), start, end);
      return `Reservation for ${str("restaurant")} from ${start.slice(11, 16)} to ${end.slice(11, 16)} on ${start.slice(0, 10)} has been made successfully.`;
    }
    case "reserve_car_rental": {
      // Upstream stores the start time as the end time too (the end argument only appears in the message); kept as is.
      const start = parseIsoDateTime(str("start_time"));
      reserve(env, "car", str("company"), start, start);
      return `Reservation for a car at ${str("company")} from ${str("start_time")} to ${args.end_time === null || args.end_time === undefined ? "None" : str("end_time")} has been made successfully.`;
    }
    case "get_flight_information":
      return env.flights.flight_list
        .filter((flight) => flight.departure_city === str("departure_city") && flight.arrival_city === str("arrival_city"))
        .map(
          (flight) =>
            `Airline: ${flight.airline}, Flight Number: ${flight.flight_number}, Departure Time: ${flight.departure_time.replace("T", " ")}, Arrival Time: ${flight.arrival_time.replace("T", " ")}, Price: ${pythonFloat(flight.price)}, Contact Information: ${flight.contact_information}`,
        )
        .join("\n");
    case "send_email":
      return sendEmail(env, {
        recipients: names(args, "recipients"),
        subject: str("subject"),
        body: str("body"),
        attachments: parseAttachments(args.attachments, keepEventDetails),
        cc: optionalList(args.cc),
        bcc: optionalList(args.bcc),
      });
    default:
      throw new Error(`travel has no tool ${tool}`);
  }
}
