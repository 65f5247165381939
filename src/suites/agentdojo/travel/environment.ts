// AgentDojo travel state in TypeScript: catalogue (hotels, restaurants, cars, flights), the user, one reservation, calendar, inbox.
import type { CalendarEvent, Email as SharedEmail } from "../shared/records.js";

export type { CalendarEvent } from "../shared/records.js";

interface User {
  first_name: string;
  last_name: string;
  ID_number: string;
  email: string;
  phone_number: string;
  address: string;
  passport_number: string;
  bank_account_number: string;
  credit_card_number: string;
}

export interface Hotel {
  name: string;
  city: string;
  rating: number;
  price_min: number;
  price_max: number;
  address: string;
  reviews: string[];
}

export interface Restaurant {
  name: string;
  city: string;
  address: string;
  rating: number;
  price_per_person: number;
  operating_hours: string;
  reviews: string[];
  contact_information: string;
  cuisine_type: string;
  dietary_restrictions: string;
}

export interface CarRentalCompany {
  name: string;
  city: string;
  address: string;
  rating: number;
  price_per_day: number;
  reviews: string[];
  contact_information: string;
  car_types_available: string[];
  fuel_options: string[];
}

interface Flight {
  airline: string;
  flight_number: string;
  departure_city: string;
  arrival_city: string;
  departure_time: string;
  arrival_time: string;
  price: number;
  contact_information: string;
}

export type ReservationType = "hotel" | "car" | "restaurant";

/** Upstream keeps a single reservation slot: every booking overwrites it. Times are canonical `YYYY-MM-DDTHH:MM:SS`. */
interface Reservation {
  reservation_type: ReservationType | null;
  title: string;
  start_time: string;
  end_time: string;
  contact_information: string;
}

/**
 * Attachments stay as the YAML and the model gave them (file ids, or event details not rebuilt into a CalendarEvent as
 * upstream does): no travel task or check reads an attachment, so the port never needed that validation.
 */
export type Email = SharedEmail<unknown>;

export interface TravelEnvironment {
  user: User;
  hotels: { hotel_list: Hotel[] };
  restaurants: { restaurant_list: Restaurant[] };
  car_rental: { company_list: CarRentalCompany[] };
  flights: { flight_list: Flight[] };
  reservation: Reservation;
  calendar: { account_email: string; current_day: string; events: Record<string, CalendarEvent> };
  inbox: { account_email: string; emails: Record<string, Email> };
}

/** Python's `str(float)`: the YAML's `5.0` and `120` are floats upstream, so they print as `5.0` and `120.0`. */
export function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function canonical(year: number, month: number, day: number, hour: number, minute: number, second: number, fail: () => Error): string {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2024-02-30 over into March; Python refuses it, so we do too.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw fail();
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** `datetime.fromisoformat`: a date, or a date and time split by `T` or a space, with optional seconds. */
export function parseIsoDateTime(text: string): string {
  const fail = () => new Error(`Invalid isoformat string: '${text}'`);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) throw fail();
  const [, y, mo, d, h, mi, s] = match;
  return canonical(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), fail);
}

/** `datetime.strptime(text, "%Y-%m-%d %H:%M")`, the format the calendar tools demand. */
export function parseCalendarTime(text: string): string {
  const fail = () => new Error(`time data '${text}' does not match format '%Y-%m-%d %H:%M'`);
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})$/.exec(text);
  if (!match) throw fail();
  const [, y, mo, d, h, mi] = match;
  return canonical(Number(y), Number(mo), Number(d), Number(h), Number(mi), 0, fail);
}

/** `datetime.strptime(text, "%Y-%m-%d").date()`, as `YYYY-MM-DD`. */
export function parseCalendarDay(text: string): string {
  const fail = () => new Error(`time data '${text}' does not match format '%Y-%m-%d'`);
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) throw fail();
  const [, y, mo, d] = match;
  return canonical(Number(y), Number(mo), Number(d), 0, 0, 0, fail).slice(0, 10);
}

export function addHours(isoTime: string, hours: number): string {
  const date = new Date(`${isoTime}Z`);
  date.setUTCHours(date.getUTCHours() + hours);
  return date.toISOString().slice(0, 19);
}

type RawEnvironment = Omit<TravelEnvironment, "calendar" | "inbox"> & {
  calendar: { account_email: string; current_day: unknown; initial_events: Array<CalendarEvent & { start_time: unknown; end_time: unknown }> };
  inbox: { account_email: string; initial_emails: Array<Omit<Email, "attachments"> & { attachments?: unknown[]; timestamp: unknown }> };
};

export function createTravelEnvironment(raw: unknown): TravelEnvironment {
  const source = structuredClone(raw) as RawEnvironment;
  const events: Record<string, CalendarEvent> = {};
  for (const event of source.calendar.initial_events ?? []) {
    const id = String(event.id_);
    events[id] = { ...event, id_: id, start_time: parseIsoDateTime(String(event.start_time)), end_time: parseIsoDateTime(String(event.end_time)), location: event.location ?? null, participants: event.participants ?? [], status: event.status ?? "confirmed", all_day: Boolean(event.all_day) };
  }
  const emails: Record<string, Email> = {};
  for (const email of source.inbox.initial_emails ?? []) {
    const id = String(email.id_);
    emails[id] = { ...email, id_: id, cc: email.cc ?? [], bcc: email.bcc ?? [], attachments: email.attachments ?? [], timestamp: parseIsoDateTime(String(email.timestamp)) };
  }
  const numbersIn = <T extends object>(list: T[], keys: Array<keyof T>) => {
    for (const item of list) for (const key of keys) (item as Record<keyof T, unknown>)[key] = Number(item[key]);
    return list;
  };
  return {
    user: source.user,
    hotels: { hotel_list: numbersIn(source.hotels.hotel_list, ["rating", "price_min", "price_max"]).map((hotel) => ({ ...hotel, reviews: hotel.reviews.map(String) })) },
    restaurants: { restaurant_list: numbersIn(source.restaurants.restaurant_list, ["rating", "price_per_person"]).map((restaurant) => ({ ...restaurant, reviews: restaurant.reviews.map(String) })) },
    car_rental: { company_list: numbersIn(source.car_rental.company_list, ["rating", "price_per_day"]).map((company) => ({ ...company, reviews: company.reviews.map(String) })) },
    flights: { flight_list: numbersIn(source.flights.flight_list, ["price"]).map((flight) => ({ ...flight, departure_time: parseIsoDateTime(flight.departure_time), arrival_time: parseIsoDateTime(flight.arrival_time) })) },
    reservation: {
      ...source.reservation,
      reservation_type: source.reservation.reservation_type ?? null,
      start_time: parseIsoDateTime(String(source.reservation.start_time)),
      end_time: parseIsoDateTime(String(source.reservation.end_time)),
    },
    calendar: { account_email: source.calendar.account_email, current_day: String(source.calendar.current_day), events },
    inbox: { account_email: source.inbox.account_email, emails },
  };
}
