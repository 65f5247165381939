// A change a tool declares it made (a row written, a message sent); the record and the audit trail keep it with the call.
import type { JsonValue } from "./json.js";

export interface ToolEffect {
  kind: string;
  target?: string;
  detail?: JsonValue;
}
