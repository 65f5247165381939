// Tests reading the send_email tool's attachments: file ids, event details handed to the port, and upstream's errors.
import { describe, expect, it } from "vitest";
import { parseAttachments } from "./attachments.js";

describe("parseAttachments", () => {
  it("reads file ids and hands event details to the port", () => {
    expect(parseAttachments(undefined, (details) => details)).toBeUndefined();
    expect(parseAttachments([{ type: "file", file_id: 7 }, { type: "event", event_details: { title: "x" } }], (details) => ({ wrapped: details }))).toEqual(["7", { wrapped: { title: "x" } }]);
    expect(() => parseAttachments([{ type: "event" }], (details) => details)).toThrow("Attachment of type 'event' must have an 'event_details' field.");
    expect(() => parseAttachments("19", (details) => details)).toThrow("Attachments must be a list.");
  });
});
