// One recorded run read back from its audit events: steps, calls with their verdicts and outcome, start and end.
import type { CallLateData } from "./late-completion-event.js";
import type { AuditEvent } from "./types.js";
import type {
  CallEffectsData,
  CallExecutedData,
  CallProposedData,
  CallVerdictData,
  ModelStepData,
  RoutingDecisionData,
  RunFinishedData,
  RunStartedData,
} from "./recorder-events.js";

/** An event's payload with when it happened and where it sits in the chain. */
interface Stamped<Data> {
  at: string;
  seq: number;
  data: Data;
  /** Pointers whose values the store replaced before hashing. */
  redacted: string[];
}

export interface AuditedCall {
  callId: string;
  step: number;
  index: number;
  proposed?: Stamped<CallProposedData>;
  verdicts: Array<Stamped<CallVerdictData>>;
  executed?: Stamped<CallExecutedData>;
  effects?: Stamped<CallEffectsData>;
  /** Attempts that finished after the gate stopped waiting for them, with the effects they declared since. */
  late?: Array<Stamped<CallLateData>>;
}

export interface AuditedStep {
  step: number;
  routing?: Stamped<RoutingDecisionData>;
  model?: Stamped<ModelStepData>;
  calls: AuditedCall[];
}

export interface AuditedRun {
  traceId: string;
  started?: Stamped<RunStartedData>;
  steps: AuditedStep[];
  /** Every call in the order the model proposed them (step, then position in the step). */
  calls: AuditedCall[];
  finished?: Stamped<RunFinishedData>;
  events: AuditEvent[];
}

/** Groups events (any order, any mix of traces) into runs, in the order each run first appears in the chain. */
export function auditedRuns(events: readonly AuditEvent[]): AuditedRun[] {
  const byTrace = new Map<string, AuditEvent[]>();
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    if (event.type === "checkpoint" || event.type === "retention.pruned") continue;
    const list = byTrace.get(event.traceId) ?? [];
    list.push(event);
    byTrace.set(event.traceId, list);
  }
  return [...byTrace.entries()].map(([traceId, list]) => buildRun(traceId, list));
}

/** The one run with `traceId` among `events`, or undefined when none of them belongs to it. */
export function auditedRun(events: readonly AuditEvent[], traceId: string): AuditedRun | undefined {
  return auditedRuns(events.filter((event) => event.traceId === traceId))[0];
}

function buildRun(traceId: string, events: AuditEvent[]): AuditedRun {
  const run: AuditedRun = { traceId, steps: [], calls: [], events };
  const steps = new Map<number, AuditedStep>();
  const calls = new Map<string, AuditedCall>();
  const stepOf = (index: number): AuditedStep => {
    let step = steps.get(index);
    if (!step) {
      step = { step: index, calls: [] };
      steps.set(index, step);
    }
    return step;
  };
  const callOf = (event: AuditEvent, data: { step: number; index: number }): AuditedCall => {
    const id = event.callId ?? `${data.step}:${data.index}`;
    let call = calls.get(id);
    if (!call) {
      call = { callId: id, step: data.step, index: data.index, verdicts: [] };
      calls.set(id, call);
      stepOf(data.step).calls.push(call);
    }
    return call;
  };
  for (const event of events) {
    switch (event.type) {
      case "run.started":
        run.started = stamp<RunStartedData>(event);
        break;
      case "run.finished":
        run.finished = stamp<RunFinishedData>(event);
        break;
      case "routing.decision": {
        const stamped = stamp<RoutingDecisionData>(event);
        stepOf(stamped.data.step).routing = stamped;
        break;
      }
      case "model.step": {
        const stamped = stamp<ModelStepData>(event);
        stepOf(stamped.data.step).model = stamped;
        break;
      }
      case "call.proposed": {
        const stamped = stamp<CallProposedData>(event);
        callOf(event, stamped.data).proposed = stamped;
        break;
      }
      case "call.verdict": {
        const stamped = stamp<CallVerdictData>(event);
        callOf(event, stamped.data).verdicts.push(stamped);
        break;
      }
      case "call.executed": {
        const stamped = stamp<CallExecutedData>(event);
        callOf(event, stamped.data).executed = stamped;
        break;
      }
      case "call.effects": {
        const stamped = stamp<CallEffectsData>(event);
        callOf(event, stamped.data).effects = stamped;
        break;
      }
      case "call.late": {
        const stamped = stamp<CallLateData>(event);
        const call = callOf(event, stamped.data);
        (call.late ??= []).push(stamped);
        break;
      }
      default:
        break;
    }
  }
  run.steps = [...steps.values()].sort((a, b) => a.step - b.step);
  for (const step of run.steps) step.calls.sort((a, b) => a.index - b.index);
  run.calls = run.steps.flatMap((step) => step.calls);
  return run;
}

function stamp<Data>(event: AuditEvent): Stamped<Data> {
  return { at: event.at, seq: event.seq, data: event.data as Data, redacted: event.redacted ?? [] };
}

/** `succeeded`, `failed` or `rejected`, and the verdict that decided it, for listings and diffs. */
export function callDisposition(call: AuditedCall): { status: string; deciding?: CallVerdictData } {
  const verdicts = call.verdicts.map((verdict) => verdict.data);
  const refusal = verdicts.find((verdict) => verdict.outcome === "fail" || verdict.outcome === "deny" || verdict.outcome === "rejected");
  const status = call.executed?.data.status ?? (refusal ? "rejected" : "unfinished");
  return { status, deciding: refusal ?? verdicts.find((verdict) => verdict.stage === "approval") ?? verdicts.at(-1) };
}
