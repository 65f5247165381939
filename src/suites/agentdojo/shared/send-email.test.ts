// Tests the shared email client's sending: ids, stamping, and the detach policy the two ports choose between.
import { describe, expect, it } from "vitest";
import type { Email } from "./records.js";
import { sendEmail } from "./send-email.js";

const inbox = () => ({ account_email: "me@example.com", emails: { "3": {} as Email<unknown> } as Record<string, Email<unknown>> });

describe("sendEmail", () => {
  it("files the email as sent from the account under the next id, with the caller's timestamp", () => {
    const box = inbox();
    const sent = sendEmail(box, { recipients: ["a@example.com"], subject: "s", body: "b" }, { timestamp: "2024-05-15T00:00:00", detach: false });
    expect(sent).toEqual({ id_: "4", sender: "me@example.com", recipients: ["a@example.com"], cc: [], bcc: [], subject: "s", body: "b", status: "sent", read: true, timestamp: "2024-05-15T00:00:00", attachments: [] });
    expect(box.emails["4"]).toBe(sent);
  });

  it("copies the caller's lists only when asked to detach", () => {
    const recipients = ["a@example.com"];
    const attachments = [{ title: "t" }];
    const kept = sendEmail(inbox(), { recipients, subject: "s", body: "b", attachments }, { timestamp: "t", detach: false });
    const detached = sendEmail(inbox(), { recipients, subject: "s", body: "b", attachments }, { timestamp: "t", detach: true });
    recipients.push("late@example.com");
    attachments[0]!.title = "changed";
    expect(kept.recipients).toBe(recipients);
    expect(kept.attachments[0]).toBe(attachments[0]);
    expect(detached.recipients).toEqual(["a@example.com"]);
    expect(detached.attachments).toEqual([{ title: "t" }]);
  });
});
