// A CallRecord as a store gives it back: the record, which of its values were redacted at rest, and how complete it is.
import type { CallRecord } from "./call-record.js";

export interface RecordedCall {
  /** The CallRecord as recorded (principal, roles, taint and provenance included); redacted values hold placeholders. */
  call: CallRecord;
  /** JSON pointers into `call` whose values the store replaced (e.g. `/proposed/arguments`, `/arguments/pin`). */
  redacted: string[];
  /** False when the record stops before an outcome (a run that crashed or still waits); `call.outcome` is then a placeholder. */
  finished: boolean;
  /** False when the proposal itself is missing from the record (only later events survived). */
  proposed: boolean;
}
