// Reading the send_email tool's `attachments` argument, as AgentDojo's shared email client does.

/**
 * `{type: "file", file_id}` becomes the file id; `{type: "event", event_details}` becomes whatever `readEvent` makes of
 * the details (a port decides how strictly it follows upstream's CalendarEvent validation). Undefined when none were given.
 */
export function parseAttachments<Event>(value: unknown, readEvent: (details: unknown) => Event): Array<string | Event> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Error("Attachments must be a list.");
  return value.map((attachment: unknown) => {
    if (attachment === null || typeof attachment !== "object" || Array.isArray(attachment)) throw new Error("Attachments must be dictionaries.");
    const fields = attachment as Record<string, unknown>;
    if (!("type" in fields)) throw new Error("Attachment must have a 'type' field.");
    if (fields.type === "file" || "file_id" in fields) {
      if (!("file_id" in fields)) throw new Error("Attachment of type 'file' must have a 'file_id' field.");
      return String(fields.file_id);
    }
    if (!("event_details" in fields)) throw new Error("Attachment of type 'event' must have an 'event_details' field.");
    return readEvent(fields.event_details);
  });
}
