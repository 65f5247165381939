// Who may read each workspace record (email parties, event participants, a file's owner and sharing list, a contact's own address) and whom a delivering call reaches.
import type { Delivery, ReadableRecord, ReadersDeclaration } from "../../../policy/index.js";
import type { JsonValue } from "../../../record/index.js";
import type { WorkspaceEnvironment } from "./environment.js";

const emailTools = new Set(["send_email", "get_unread_emails", "get_sent_emails", "get_received_emails", "get_draft_emails", "search_emails"]);
const eventTools = new Set(["get_day_calendar_events", "search_calendar_events", "create_calendar_event", "reschedule_calendar_event", "add_calendar_event_participants"]);
const fileTools = new Set(["list_files", "get_file_by_id", "search_files_by_filename", "search_files", "create_file", "append_to_file", "share_file", "delete_file"]);
const contactTools = new Set(["search_contacts_by_name", "search_contacts_by_email"]);
/** Results that are confirmations or the calendar's clock: nothing private in them. */
const publicResults = new Set(["get_current_day", "cancel_calendar_event", "delete_email"]);

type Fields = Record<string, JsonValue>;

const items = (result: JsonValue): Fields[] =>
  (Array.isArray(result) ? result : [result]).filter((item): item is Fields => item !== null && typeof item === "object" && !Array.isArray(item));
const strings = (value: JsonValue | undefined): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : typeof value === "string" ? [value] : []);

/**
 * An email is read by its sender and everyone it went to (a draft by its owner only); an event by its participants;
 * a file by its owner and the people it is shared with; a contact card by the contact. The account owner reads all of
 * their own data. Everything else (no tool is left out today) would count as read by nobody.
 */
export function workspaceReaders(env: WorkspaceEnvironment): ReadersDeclaration {
  const owner = env.inbox.account_email;
  return {
    recordsOf(toolName, _args, result): ReadableRecord[] | undefined {
      if (publicResults.has(toolName)) return [{ readers: "everyone", content: result }];
      if (emailTools.has(toolName)) {
        return items(result).map((email) => {
          const parties = [...strings(email.sender), ...strings(email.recipients), ...strings(email.cc), ...strings(email.bcc)];
          return { readers: email.status === "draft" ? [owner] : [owner, ...parties], parties, content: email };
        });
      }
      if (eventTools.has(toolName)) return items(result).map((event) => ({ readers: [owner, ...strings(event.participants)], parties: strings(event.participants), content: event }));
      if (fileTools.has(toolName)) {
        return items(result).map((file) => {
          const shared = file.shared_with !== null && typeof file.shared_with === "object" && !Array.isArray(file.shared_with) ? Object.keys(file.shared_with) : [];
          const parties = [...strings(file.owner), ...shared];
          return { readers: [owner, ...parties], parties, id: String(file.id_), content: file };
        });
      }
      if (contactTools.has(toolName)) return items(result).map((contact) => ({ readers: [owner, ...strings(contact.email)], parties: strings(contact.email), content: contact }));
      return undefined;
    },
    deliveryOf(toolName, args): Delivery | undefined {
      const fields = items(args)[0] ?? {};
      const at = (key: string) => strings(fields[key]).map((address, index) => ({ path: `/${key}/${index}`, principals: [address] }));
      if (toolName === "send_email") {
        return { recipients: [...at("recipients"), ...at("cc"), ...at("bcc")], content: ["/subject", "/body", "/attachments/*/event_details"], references: ["/attachments/*/file_id"] };
      }
      // The invitation carries the title, description and place; its times are not counted as content (see readersCheck).
      if (toolName === "create_calendar_event") return { recipients: at("participants"), content: ["/title", "/description", "/location"] };
      return undefined;
    },
  };
}
