// The state check compares every public attribute with Python equality.
import { describe, expect, it } from "vitest";
import { TicketAPI } from "../apis/ticket-api.js";
import { PyDict } from "../../../../python/py-value.js";
import { findStateMismatch } from "./state-check.js";

const ticketApi = (user: string, counter: bigint | number) => {
  const api = new TicketAPI();
  api.loadScenario(PyDict.fromRecord({ current_user: user, ticket_counter: counter }));
  return api;
};

describe("findStateMismatch", () => {
  it("treats 2 and 2.0 as equal and reports differing attributes of the first mismatching class", () => {
    expect(findStateMismatch(new Map([["TicketAPI", ticketApi("ann", 2n)]]), new Map([["TicketAPI", ticketApi("ann", 2.0)]]))).toBeUndefined();
    const mismatch = findStateMismatch(new Map([["TicketAPI", ticketApi("bob", 2n)]]), new Map([["TicketAPI", ticketApi("ann", 2n)]]));
    expect(mismatch?.className).toBe("TicketAPI");
    expect([...(mismatch?.differences.keys() ?? [])]).toEqual(["current_user"]);
  });
});
