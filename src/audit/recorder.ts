// The audit recorder: a RunSink that writes each run's events to an AuditStore as they happen, not at the end.
import type { CallRecord, RunSink } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { callOutcomeEvents, callProposedEvent, callVerdictEvents, modelStepEvents, runFinishedEvent, runStartedEvent } from "./recorder-events.js";
import { lateCompletionEvent } from "./late-completion-event.js";
import { sensitiveValues } from "./sensitive-values.js";
import type { AuditEventInput, AuditStore } from "./types.js";

export interface AuditRecorderOptions {
  /**
   * Where sensitive-field declarations are looked up for calls the gate refused before resolving them (bad JSON):
   * the proposed name still says which tool the model meant, and its raw text may hold those fields.
   */
  registry?: ToolRegistry;
  /** Stamps the model's answer on each step. Default: the system clock. */
  now?: () => Date;
}

/**
 * Pass it as `sink` to runAgent, createSession or createGate. Each hook resolves only once its events are durable,
 * and throws if they are not, so the loop stops instead of running what it could not record.
 */
export function auditRecorder(store: AuditStore, options: AuditRecorderOptions = {}): RunSink {
  const now = options.now ?? (() => new Date());
  // Verdicts already written for a call at authorisation; the rest follow with its outcome.
  const written = new Map<string, number>();

  const sensitiveOf = (call: CallRecord): readonly string[] =>
    call.sensitive ?? options.registry?.get(call.toolName ?? call.proposed.name)?.sensitive ?? [];
  const sensitiveResultOf = (call: CallRecord): readonly string[] => options.registry?.get(call.toolName ?? call.proposed.name)?.sensitiveResult ?? [];
  // A value declared sensitive by one tool is redacted in every later event of the run, whoever wrote it there.
  const values = sensitiveValues();
  const append = (traceId: string, events: AuditEventInput[]) =>
    store.append(
      events.map((event) => {
        const found = values.pointersIn(traceId, event.data);
        return found.length === 0 ? event : { ...event, redact: [...new Set([...(event.redact ?? []), ...found])] };
      }),
    );

  return {
    async runStarted(trace) {
      await append(trace.id, [runStartedEvent(trace)]);
    },
    async modelResponded(step, trace) {
      await append(trace.id, modelStepEvents(step, trace, now()));
    },
    async callAuthorised(call) {
      // Built before the first await: the gate keeps filling in the record once the tool starts.
      values.learn(call, sensitiveOf(call), []);
      const events = [callProposedEvent(call, sensitiveOf(call)), ...callVerdictEvents(call)];
      const count = call.verdicts.length;
      await append(call.traceId, events);
      written.set(call.id, count);
    },
    async record(call) {
      const already = written.get(call.id);
      written.delete(call.id);
      const sensitive = sensitiveOf(call);
      values.learn(call, sensitive, sensitiveResultOf(call));
      await append(call.traceId, [
        ...(already === undefined ? [callProposedEvent(call, sensitive)] : []),
        ...callVerdictEvents(call, already ?? 0),
        ...callOutcomeEvents(call, sensitive),
      ]);
    },
    async lateCompletion(call, late) {
      await append(call.traceId, [lateCompletionEvent(call, late)]);
    },
    async runFinished(trace) {
      await append(trace.id, [runFinishedEvent(trace)]);
      values.forget(trace.id);
    },
  };
}
