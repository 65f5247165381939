// Risk and trust of the 24 workspace tools, with a one-line reason for each.
import type { ProvenanceOrigin } from "../../../record/index.js";
import { emailSteers, invitationSteers } from "../shared/steering.js";
import type { SuitePort } from "../suite-port.js";
import type { WorkspaceEnvironment } from "./environment.js";

// Risk: read only looks; write is ordinary communication or a change within the user's own data; privileged grants
// others access or destroys data. Untrusted: the result can hold text someone else wrote — emails (and contacts, named
// after addresses others chose), event titles/descriptions that invitations carry in, and file contents (shared files,
// downloaded documents). Tools that echo an existing record back after changing it count as untrusted for the same reason.
// Field-level trust: an event's or a file's id and times are the calendar's and the drive's own record; its title,
// description, location, participants, name, contents, owner and sharing list can all be set by someone else (an
// invitation, a shared file). Emails and contacts stay untrusted whole: the sender chose every field of them.
const eventText = ["/title", "/description", "/location", "/participants"];
const eventListText = eventText.map((field) => `/*${field}`);
const fileText = ["/filename", "/content", "/owner", "/shared_with"];
const fileListText = fileText.map((field) => `/*${field}`);
// Destroying an email or a file needs the user to name it (or a person to approve): an id the agent picked from a
// listing could be any of them.
const namedByUser: ProvenanceOrigin[] = ["user", "approval", "allow-list"];
// A file to delete may also be the one the user's words pick out of the whole drive ("the largest file"): see selections.ts.
const namedOrSelectedByUser: ProvenanceOrigin[] = [...namedByUser, "selected"];

export const workspaceTools: SuitePort<WorkspaceEnvironment>["tools"] = {
  // Inbox
  send_email: { risk: "write", untrusted: false, steers: emailSteers }, // communication; returns the email the user composed
  delete_email: { risk: "privileged", untrusted: false, steers: { "/email_id": { kind: "id", from: namedByUser } } }, // destroys an email (and can hide what was sent)
  get_unread_emails: { risk: "read", untrusted: true }, // only flips read flags; bodies come from senders
  get_sent_emails: { risk: "read", untrusted: true }, // sent mail quotes and forwards what others wrote
  get_received_emails: { risk: "read", untrusted: true }, // written by senders
  get_draft_emails: { risk: "read", untrusted: true }, // drafts can hold pasted outside text
  search_emails: { risk: "read", untrusted: true }, // written by senders
  search_contacts_by_name: { risk: "read", untrusted: true }, // names derive from addresses senders chose
  search_contacts_by_email: { risk: "read", untrusted: true }, // addresses senders chose
  // Calendar
  get_current_day: { risk: "read", untrusted: false }, // the calendar's own clock
  search_calendar_events: { risk: "read", untrusted: true, untrustedFields: eventListText }, // events arrive from others' invitations
  get_day_calendar_events: { risk: "read", untrusted: true, untrustedFields: eventListText }, // events arrive from others' invitations
  create_calendar_event: { risk: "write", untrusted: false, steers: invitationSteers }, // the user's own event and invitation
  cancel_calendar_event: { risk: "privileged", untrusted: false, steers: { "/event_id": "id" } }, // destroys a meeting for every participant
  reschedule_calendar_event: { risk: "write", untrusted: true, untrustedFields: eventText, steers: { "/event_id": "id" } }, // an ordinary change; returns the event with others' text
  add_calendar_event_participants: { risk: "write", untrusted: true, untrustedFields: eventText, steers: { "/event_id": "id", "/participants": "email" } }, // an ordinary change; returns the event with others' text
  // Cloud drive
  append_to_file: { risk: "write", untrusted: true, untrustedFields: fileText, steers: { "/file_id": "id" } }, // an ordinary edit; returns the whole file, others' text included
  search_files_by_filename: { risk: "read", untrusted: true, untrustedFields: fileListText }, // file contents
  create_file: { risk: "write", untrusted: false, steers: { "/filename": "path" } }, // the user's own new file
  delete_file: { risk: "privileged", untrusted: true, untrustedFields: fileText, steers: { "/file_id": { kind: "id", from: namedOrSelectedByUser } } }, // destroys data; returns the deleted contents
  get_file_by_id: { risk: "read", untrusted: true, untrustedFields: fileText }, // file contents
  list_files: { risk: "read", untrusted: true, untrustedFields: fileListText }, // file contents
  share_file: { risk: "privileged", untrusted: true, untrustedFields: fileText, steers: { "/file_id": "id", "/email": "email" } }, // grants someone else access; returns the file's contents
  search_files: { risk: "read", untrusted: true, untrustedFields: fileListText }, // file contents
};
