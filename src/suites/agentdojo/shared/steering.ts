// Steering arguments of the email and calendar tools travel and workspace share: who receives what, and the text they are handed.
import type { SteeringKind, SteeringSpec } from "../../../record/index.js";

type Steers = Readonly<Record<string, SteeringKind | SteeringSpec>>;

/** Text sent to someone: the links and addresses in it need their own source, and text copied from an untrusted result asks. */
const sentText: SteeringSpec = { kind: "text", embedded: true };

/** An email: its recipients, the files it attaches, and the subject and body it hands them. */
export const emailSteers: Steers = {
  "/recipients": "email",
  "/cc": "email",
  "/bcc": "email",
  "/attachments/*/file_id": "id",
  "/attachments/*/id_": "id",
  "/subject": sentText,
  "/body": sentText,
};

/** An event mails an invitation to its participants with its title and description. */
export const invitationSteers: Steers = {
  "/participants": "email",
  "/title": sentText,
  "/description": sentText,
};
