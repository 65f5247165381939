// TicketAPI: login and the create/get/edit/resolve/close lifecycle.
import { describe, expect, it } from "vitest";
import { apiHarness } from "../test-support/api-harness.js";

describe("TicketAPI", () => {
  it("creates tickets only for a logged-in user with a valid priority", () => {
    const { run } = apiHarness(["TicketAPI"]);
    expect(run("create_ticket(title='x')", "ticket_login(username='ann', password='')", "ticket_login(username='ann', password='pw')", "create_ticket(title='x', priority=9)", "create_ticket(title='Broken', description='Screen', priority=4)")).toEqual([
      '{"error": "User not authenticated. Please log in to create a ticket."}',
      '{"success": false}',
      '{"success": true}',
      '{"error": "Invalid priority. Priority must be between 1 and 5."}',
      '{"id": 1, "title": "Broken", "description": "Screen", "status": "Open", "priority": 4, "created_by": "ann"}',
    ]);
  });

  it("edits, resolves and closes a ticket, once each", () => {
    const { run } = apiHarness(["TicketAPI"], JSON.stringify({ TicketAPI: { current_user: "ann", ticket_queue: [{ id: 7, title: "t", description: "", status: "Open", priority: 1, created_by: "ann" }], ticket_counter: 8 } }));
    expect(run("edit_ticket(ticket_id=7, updates={'priority': 3, 'owner': 'bob'})", "edit_ticket(ticket_id=7, updates={'priority': 3, 'title': None})", "resolve_ticket(ticket_id=7, resolution='Fixed')", "resolve_ticket(ticket_id=7, resolution='Again')", "close_ticket(ticket_id=7)", "close_ticket(ticket_id=7)", "get_ticket(ticket_id=8)")).toEqual([
      '{"error": "Invalid fields for update: owner"}',
      '{"status": "Ticket 7 has been updated successfully."}',
      '{"status": "Ticket 7 has been resolved successfully."}',
      '{"error": "Ticket with ID 7 is already resolved."}',
      '{"status": "Ticket 7 has been closed successfully."}',
      '{"error": "Ticket with ID 7 is already closed."}',
      '{"error": "Ticket with ID 8 not found."}',
    ]);
    expect(run("get_user_tickets(status='closed')", "logout()", "get_user_tickets()")).toEqual([
      "[{'id': 7, 'title': 't', 'description': '', 'status': 'Closed', 'priority': 3, 'created_by': 'ann', 'resolution': 'Fixed'}]",
      '{"success": true}',
      "[{'error': 'User not authenticated. Please log in to view tickets.'}]",
    ]);
  });
});
