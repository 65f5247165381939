// The audit recorder: a RunSink that writes each run's events to an AuditStore as they happen, not at the end.
import type { CallRecord, RunSink } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { callOutcomeEvents, callProposedEvent, callVerdictEvents, modelStepEvents, runFinishedEvent, runStartedEvent } from "./recorder-events.js";
import { lateCompletionEvent } from "./late-completion-event.js";
import type { AuditStore } from "./types.js";

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

  return {
    async runStarted(trace) {
      await store.append([runStartedEvent(trace)]);
    },
    async modelResponded(step, trace) {
      await store.append(modelStepEvents(step, trace, now()));
    },
    async callAuthorised(call) {
      // Built before the first await: the gate keeps filling in the record once the tool starts.
      const events = [callProposedEvent(call, sensitiveOf(call)), ...callVerdictEvents(call)];
      const count = call.verdicts.length;
      await store.append(events);
      written.set(call.id, count);
    },
    async record(call) {
      const already = written.get(call.id);
      written.delete(call.id);
      const sensitive = sensitiveOf(call);
      await store.append([
        ...(already === undefined ? [callProposedEvent(call, sensitive)] : []),
        ...callVerdictEvents(call, already ?? 0),
        ...callOutcomeEvents(call, sensitive),
      ]);
    },
    async lateCompletion(call, late) {
      await store.append([lateCompletionEvent(call, late)]);
    },
    async runFinished(trace) {
      await store.append([runFinishedEvent(trace)]);
    },
  };
}
