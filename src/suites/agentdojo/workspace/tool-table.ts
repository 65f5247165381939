// Risk and trust of the 24 workspace tools, with a one-line reason for each.
import type { SuitePort } from "../suite-port.js";
import type { WorkspaceEnvironment } from "./environment.js";

// Risk: read only looks; write is ordinary communication or a change within the user's own data; privileged grants
// others access or destroys data. Untrusted: the result can hold text someone else wrote — emails (and contacts, named
// after addresses others chose), event titles/descriptions that invitations carry in, and file contents (shared files,
// downloaded documents). Tools that echo an existing record back after changing it count as untrusted for the same reason.
export const workspaceTools: SuitePort<WorkspaceEnvironment>["tools"] = {
  // Inbox
  send_email: { risk: "write", untrusted: false }, // communication; returns the email the user composed
  delete_email: { risk: "privileged", untrusted: false }, // destroys an email (and can hide what was sent)
  get_unread_emails: { risk: "read", untrusted: true }, // only flips read flags; bodies come from senders
  get_sent_emails: { risk: "read", untrusted: true }, // sent mail quotes and forwards what others wrote
  get_received_emails: { risk: "read", untrusted: true }, // written by senders
  get_draft_emails: { risk: "read", untrusted: true }, // drafts can hold pasted outside text
  search_emails: { risk: "read", untrusted: true }, // written by senders
  search_contacts_by_name: { risk: "read", untrusted: true }, // names derive from addresses senders chose
  search_contacts_by_email: { risk: "read", untrusted: true }, // addresses senders chose
  // Calendar
  get_current_day: { risk: "read", untrusted: false }, // the calendar's own clock
  search_calendar_events: { risk: "read", untrusted: true }, // events arrive from others' invitations
  get_day_calendar_events: { risk: "read", untrusted: true }, // events arrive from others' invitations
  create_calendar_event: { risk: "write", untrusted: false }, // the user's own event and invitation
  cancel_calendar_event: { risk: "privileged", untrusted: false }, // destroys a meeting for every participant
  reschedule_calendar_event: { risk: "write", untrusted: true }, // an ordinary change; returns the event with others' text
  add_calendar_event_participants: { risk: "write", untrusted: true }, // an ordinary change; returns the event with others' text
  // Cloud drive
  append_to_file: { risk: "write", untrusted: true }, // an ordinary edit; returns the whole file, others' text included
  search_files_by_filename: { risk: "read", untrusted: true }, // file contents
  create_file: { risk: "write", untrusted: false }, // the user's own new file
  delete_file: { risk: "privileged", untrusted: true }, // destroys data; returns the deleted contents
  get_file_by_id: { risk: "read", untrusted: true }, // file contents
  list_files: { risk: "read", untrusted: true }, // file contents
  share_file: { risk: "privileged", untrusted: true }, // grants someone else access; returns the file's contents
  search_files: { risk: "read", untrusted: true }, // file contents
};
