// The common API shape: sorted public method names, bound methods with Python binding, public attributes.
import { describe, expect, it } from "vitest";
import { BoundMethod } from "../../../../python/runtime/evaluate.js";
import { PyDict } from "../../../../python/py-value.js";
import { TicketAPI } from "./ticket-api.js";

describe("SimulatedApi", () => {
  it("lists public methods sorted, as inspect.getmembers does", () => {
    expect(new TicketAPI().methodNames()).toEqual([
      "close_ticket",
      "create_ticket",
      "edit_ticket",
      "get_ticket",
      "get_user_tickets",
      "logout",
      "resolve_ticket",
      "ticket_get_login_status",
      "ticket_login",
    ]);
  });

  it("resolves attributes to bound methods (binding like Python) or public state, never to private names", () => {
    const api = new TicketAPI();
    api.loadScenario(PyDict.fromRecord({ current_user: "ann" }));
    const login = api.attribute("ticket_login");
    expect(login).toBeInstanceOf(BoundMethod);
    expect(() => (login as BoundMethod).invoke([], [["user", "x"]])).toThrow("TicketAPI.ticket_login() got an unexpected keyword argument 'user'");
    expect(api.attribute("current_user")).toBe("ann");
    expect(api.attribute("_find_ticket")).toBeUndefined();
  });
});
