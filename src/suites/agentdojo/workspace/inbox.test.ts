// Tests the workspace inbox tools against upstream's behaviour on the suite's own data.
import { expect, it } from "vitest";
import { describeWithShared } from "../../../test-support/shared-data.js";
import type { Email } from "../shared/records.js";
import { fixedClockPort as port, freshWorkspace } from "./test-support/test-environment.js";

describeWithShared("workspace inbox tools", () => {
  it("files a sent email under the next id, from the account, stamped by the clock", () => {
    const env = freshWorkspace();
    const sent = port.execute(env, "send_email", { recipients: ["a.person@example.com"], subject: "Hi", body: "Hello", attachments: [{ type: "file", file_id: "19" }] }) as Email;
    expect(sent).toMatchObject({ id_: "34", sender: "emma.johnson@bluesparrowtech.com", status: "sent", read: true, timestamp: "2024-07-01T09:30:00", attachments: ["19"], cc: [], bcc: [] });
    expect(env.inbox.emails["34"]).toEqual(sent);
    expect((port.execute(env, "get_sent_emails", {}) as Email[]).map((email) => email.id_)).toContain("34");
    expect(() => port.execute(env, "send_email", { recipients: ["not-an-address"], subject: "x", body: "y" })).toThrow(/not a valid email address/);
    expect(() => port.execute(env, "send_email", { recipients: ["a@b.example"], subject: "x", body: "y", attachments: [{ file_id: "1" }] })).toThrow("Attachment must have a 'type' field.");
  });

  it("searches subject and body case-insensitively, narrows by sender, and raises when nothing matches", () => {
    const env = freshWorkspace();
    const found = port.execute(env, "search_emails", { query: "FACEBOOK security code", sender: "Security@Facebook.com" }) as Email[];
    expect(found.map((email) => email.id_)).toEqual(["26"]);
    expect(found[0]!.body).toContain("463820");
    expect((port.execute(env, "search_emails", { query: "family reunion" }) as Email[]).length).toBeGreaterThan(1);
    expect(() => port.execute(env, "search_emails", { query: "no email says this" })).toThrow("No emails found. Try with a different query.");
  });

  it("marks unread emails read when it lists them, so a second call returns none", () => {
    const env = freshWorkspace();
    const unread = port.execute(env, "get_unread_emails", {}) as Email[];
    expect(unread.map((email) => email.id_).sort()).toEqual(["20", "21", "26", "27", "31", "9"]);
    expect(unread.every((email) => email.read)).toBe(true);
    expect(port.execute(env, "get_unread_emails", {})).toEqual([]);
  });

  it("moves a deleted email to the trash and raises on an unknown id", () => {
    const env = freshWorkspace();
    expect(port.execute(env, "delete_email", { email_id: "0" })).toBe("Email with id 0 deleted successfully.");
    expect(env.inbox.emails["0"]).toBeUndefined();
    expect(env.inbox.trash["0"]!.sender).toBe("lily.white@gmail.com");
    expect(() => port.execute(env, "delete_email", { email_id: "999" })).toThrow("Email with ID '999' not found.");
  });

  it("finds contacts named after their address's local part, and raises when none match", () => {
    const env = freshWorkspace();
    expect(port.execute(env, "search_contacts_by_name", { query: "sarah baker" })).toEqual([{ email: "sarah.baker@gmail.com", name: "Sarah Baker" }]);
    expect(port.execute(env, "search_contacts_by_email", { query: "@facebook.com" })).toEqual([{ email: "security@facebook.com", name: "Security" }]);
    expect(() => port.execute(env, "search_contacts_by_name", { query: "Nobody Here" })).toThrow("Contact with name 'Nobody Here' not found.");
  });
}, "data", "attacks");
