// Where records go as they are produced: the ports the gate and the loop write to, and audit, metrics and eval implement.
import type { CallRecord, LateCompletion } from "./call-record.js";
import type { StepRecord, Trace } from "./trace.js";

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
  /**
   * A tool the gate stopped waiting for (timeout, cancellation) finished after all: `call` is the record as it was
   * finished, `late` how the tool ended and the effects it declared since. Called at most once per abandoned attempt,
   * possibly after the run has ended; a sink that is closed by then may drop it (the gate's `settle()` waits for them).
   */
  lateCompletion?(call: CallRecord, late: LateCompletion): void | Promise<void>;
}

/**
 * A CallSink that also hears about the run around the calls, as it happens, so a durable trail never waits for the end.
 * Every hook is optional and awaited; if one throws, the run stops with stopReason `error` (a run that cannot be
 * recorded must not go on). The trace and step handed over are live: read them during the call, don't keep them.
 */
export interface RunSink extends CallSink {
  /** Before the first model call; `trace.input` holds the messages the run starts from. */
  runStarted?(trace: Trace): void | Promise<void>;
  /**
   * After the model answered a step and before any call it proposed is gated: what the model was shown (exposed
   * tools, routing) and what it said. `latencyMs` is still the model's alone here; the last output message is its reply.
   */
  modelResponded?(step: StepRecord, trace: Trace): void | Promise<void>;
  /** After every call of the step was gated and answered. */
  stepFinished?(step: StepRecord, trace: Trace): void | Promise<void>;
  /** Once the stop reason, usage and duration are final (also after a model failure or an abort). */
  runFinished?(trace: Trace): void | Promise<void>;
}
