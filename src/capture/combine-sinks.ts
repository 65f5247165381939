// Several RunSinks heard as one: each hook goes to every sink in order, each awaited, so the audit trail is durable
// before content capture writes (and a failing sink still stops the run).
import type { RunSink } from "../record/index.js";

export function combineRunSinks(...given: Array<RunSink | undefined>): RunSink | undefined {
  const sinks = given.filter((sink): sink is RunSink => sink !== undefined);
  if (sinks.length <= 1) return sinks[0];
  return {
    async runStarted(trace) {
      for (const sink of sinks) await sink.runStarted?.(trace);
    },
    async modelResponded(step, trace) {
      for (const sink of sinks) await sink.modelResponded?.(step, trace);
    },
    async callAuthorised(call) {
      for (const sink of sinks) await sink.callAuthorised?.(call);
    },
    async record(call) {
      for (const sink of sinks) await sink.record(call);
    },
    async lateCompletion(call, late) {
      for (const sink of sinks) await sink.lateCompletion?.(call, late);
    },
    async stepFinished(step, trace) {
      for (const sink of sinks) await sink.stepFinished?.(step, trace);
    },
    async runFinished(trace) {
      for (const sink of sinks) await sink.runFinished?.(trace);
    },
  };
}
