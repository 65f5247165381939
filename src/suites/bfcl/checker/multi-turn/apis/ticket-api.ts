// BFCL's TicketAPI: login, a queue of ticket dicts, and the create/get/close/resolve/edit lifecycle.
import { PyException, attributeError } from "../../../../python/runtime/exceptions.js";
import { pyAdd, pyContains, pyGetItem, pyGt, pyIterate, pyLt } from "../../../../python/runtime/operators.js";
import { pyRepr, pyStr } from "../../../../python/py-repr.js";
import { requireStr } from "../../../../python/runtime/str-methods.js";
import { PyDict, pyEquals, pyTruthy, pyTypeName, type PyValue } from "../../../../python/py-value.js";
import { SimulatedApi, optional, required, type ApiMethod } from "./simulated-api.js";

const VALID_FIELDS = ["title", "description", "status", "priority"];

const item = (container: PyValue, key: PyValue): PyValue => pyGetItem(container, key, pyRepr);

export class TicketAPI extends SimulatedApi {
  readonly pyTypeName = "TicketAPI";
  ticketQueue: PyValue = [];
  ticketCounter: PyValue = 1n;
  currentUser: PyValue = null;

  loadScenario(scenario: PyDict): void {
    this.ticketQueue = scenario.has("ticket_queue") ? (scenario.get("ticket_queue") as PyValue) : [];
    this.ticketCounter = scenario.has("ticket_counter") ? (scenario.get("ticket_counter") as PyValue) : 1n;
    this.currentUser = scenario.has("current_user") ? (scenario.get("current_user") as PyValue) : null;
  }

  publicState(): [string, PyValue][] {
    return [
      ["ticket_queue", this.ticketQueue],
      ["ticket_counter", this.ticketCounter],
      ["current_user", this.currentUser],
    ];
  }

  private findTicket(ticketId: PyValue): PyValue {
    for (const ticket of pyIterate(this.ticketQueue)) if (pyEquals(item(ticket, "id"), ticketId)) return ticket;
    return null;
  }

  private ticketOrError(ticketId: PyValue): PyDict | { error: PyDict } {
    const ticket = this.findTicket(ticketId);
    if (!pyTruthy(ticket)) return { error: PyDict.fromRecord({ error: `Ticket with ID ${pyStr(ticketId)} not found.` }) };
    if (!(ticket instanceof PyDict)) throw new PyException("TypeError", `'${pyTypeName(ticket)}' object does not support item assignment`);
    return ticket;
  }

  createTicket(title: PyValue, description: PyValue, priority: PyValue): PyValue {
    if (!pyTruthy(this.currentUser)) return PyDict.fromRecord({ error: "User not authenticated. Please log in to create a ticket." });
    if (pyLt(priority, 1n) || pyGt(priority, 5n)) return PyDict.fromRecord({ error: "Invalid priority. Priority must be between 1 and 5." });
    const ticket = PyDict.fromRecord({
      id: this.ticketCounter,
      title,
      description,
      status: "Open",
      priority,
      created_by: this.currentUser,
    });
    if (!Array.isArray(this.ticketQueue)) throw attributeError(pyTypeName(this.ticketQueue), "append");
    this.ticketQueue.push(ticket);
    this.ticketCounter = pyAdd(this.ticketCounter, 1n, "+=");
    return ticket;
  }

  getTicket(ticketId: PyValue): PyValue {
    const ticket = this.findTicket(ticketId);
    if (!pyTruthy(ticket)) return PyDict.fromRecord({ error: `Ticket with ID ${pyStr(ticketId)} not found.` });
    return ticket;
  }

  closeTicket(ticketId: PyValue): PyValue {
    const ticket = this.ticketOrError(ticketId);
    if (!(ticket instanceof PyDict)) return ticket.error;
    if (pyEquals(item(ticket, "status"), "Closed")) return PyDict.fromRecord({ error: `Ticket with ID ${pyStr(ticketId)} is already closed.` });
    ticket.set("status", "Closed");
    return PyDict.fromRecord({ status: `Ticket ${pyStr(ticketId)} has been closed successfully.` });
  }

  resolveTicket(ticketId: PyValue, resolution: PyValue): PyValue {
    const ticket = this.ticketOrError(ticketId);
    if (!(ticket instanceof PyDict)) return ticket.error;
    if (pyEquals(item(ticket, "status"), "Resolved")) return PyDict.fromRecord({ error: `Ticket with ID ${pyStr(ticketId)} is already resolved.` });
    ticket.set("status", "Resolved");
    ticket.set("resolution", resolution);
    return PyDict.fromRecord({ status: `Ticket ${pyStr(ticketId)} has been resolved successfully.` });
  }

  editTicket(ticketId: PyValue, updates: PyValue): PyValue {
    const ticket = this.ticketOrError(ticketId);
    if (!(ticket instanceof PyDict)) return ticket.error;
    if (!(updates instanceof PyDict)) throw attributeError(pyTypeName(updates), "keys");
    const invalid = updates.keys().filter((key) => !pyContains(VALID_FIELDS, key));
    if (invalid.length > 0) {
      const names = invalid.map((key, index) => {
        if (typeof key !== "string") throw new PyException("TypeError", `sequence item ${index}: expected str instance, ${pyTypeName(key)} found`);
        return key;
      });
      return PyDict.fromRecord({ error: `Invalid fields for update: ${names.join(", ")}` });
    }
    for (const [key, value] of updates.items()) if (value !== null) ticket.set(key, value);
    return PyDict.fromRecord({ status: `Ticket ${pyStr(ticketId)} has been updated successfully.` });
  }

  ticketLogin(username: PyValue, password: PyValue): PyValue {
    if (pyTruthy(username) && pyTruthy(password)) {
      this.currentUser = username;
      return PyDict.fromRecord({ success: true });
    }
    return PyDict.fromRecord({ success: false });
  }

  ticketGetLoginStatus(): PyValue {
    return PyDict.fromRecord({ login_status: pyTruthy(this.currentUser) });
  }

  logout(): PyValue {
    if (pyTruthy(this.currentUser)) {
      this.currentUser = null;
      return PyDict.fromRecord({ success: true });
    }
    return PyDict.fromRecord({ success: false });
  }

  getUserTickets(status: PyValue): PyValue {
    if (!pyTruthy(this.currentUser)) return [PyDict.fromRecord({ error: "User not authenticated. Please log in to view tickets." })];
    let tickets = pyIterate(this.ticketQueue).filter((ticket) => pyEquals(item(ticket, "created_by"), this.currentUser));
    if (pyTruthy(status)) {
      tickets = tickets.filter(
        (ticket) => requireStr(item(ticket, "status"), "lower").toLowerCase() === requireStr(status, "lower").toLowerCase(),
      );
    }
    return tickets;
  }

  protected defineMethods(): Record<string, ApiMethod<TicketAPI>> {
    const method = (parameters: ApiMethod<TicketAPI>["parameters"], invoke: ApiMethod<TicketAPI>["invoke"]): ApiMethod<TicketAPI> => ({ parameters, invoke });
    return {
      create_ticket: method([required("title"), optional("description", ""), optional("priority", 1n)], (self, [t, d, p]) =>
        self.createTicket(t as PyValue, d as PyValue, p as PyValue),
      ),
      get_ticket: method([required("ticket_id")], (self, [id]) => self.getTicket(id as PyValue)),
      close_ticket: method([required("ticket_id")], (self, [id]) => self.closeTicket(id as PyValue)),
      resolve_ticket: method([required("ticket_id"), required("resolution")], (self, [id, r]) => self.resolveTicket(id as PyValue, r as PyValue)),
      edit_ticket: method([required("ticket_id"), required("updates")], (self, [id, u]) => self.editTicket(id as PyValue, u as PyValue)),
      ticket_login: method([required("username"), required("password")], (self, [u, p]) => self.ticketLogin(u as PyValue, p as PyValue)),
      ticket_get_login_status: method([], (self) => self.ticketGetLoginStatus()),
      logout: method([], (self) => self.logout()),
      get_user_tickets: method([optional("status", null)], (self, [s]) => self.getUserTickets(s as PyValue)),
    };
  }
}
