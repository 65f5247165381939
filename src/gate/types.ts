// The gate's output port: where CallRecords go as they are produced.
import type { CallRecord } from "../record/index.js";

/** Where CallRecords go as they are produced. Durable stores implement this too. */
export interface CallSink {
  /** The finished call, once the model's outcome is settled. */
  record(call: CallRecord): void | Promise<void>;
  /**
   * Awaited just before the tool runs, with every verdict reached so far (decode … approval), so a durable sink
   * holds the proposal and the decision before any side effect. If it throws, the tool does not run and the gate
   * rejects the call with that error (the run stops). The record is still being filled in: read it, don't keep it.
   */
  callAuthorised?(call: CallRecord): void | Promise<void>;
}
