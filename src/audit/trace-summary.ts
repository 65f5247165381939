// Trace summaries derived from the events themselves: run.started/run.finished for the run, call.* for the calls.
import type { JsonValue } from "../record/index.js";
import type { AuditEvent, AuditEventType, TraceSummary } from "./types.js";

/** The event types a summary reads; stores fetch only these for the traces they list. */
export const traceSummaryTypes: readonly AuditEventType[] = ["run.started", "run.finished", "call.proposed", "call.verdict", "call.executed", "call.effects"];

// A verdict with one of these outcomes means the call never ran (CallStatus "rejected").
const refusingOutcomes = new Set(["fail", "deny", "rejected"]);

const member = (data: JsonValue, key: string): JsonValue | undefined =>
  data !== null && typeof data === "object" && !Array.isArray(data) ? data[key] : undefined;
const text = (value: JsonValue | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Reads: `run.started` data `{ model }`, `run.finished` data `{ stopReason }`; a call is any callId on a `call.*`
 * event, and it was rejected when an event says `status: "rejected"`, or a `call.verdict` refused it
 * (`outcome` fail, deny or rejected) and no `call.executed` followed.
 */
export function summariseTrace(traceId: string, events: readonly AuditEvent[]): TraceSummary {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const started = sorted.find((event) => event.type === "run.started");
  const finished = [...sorted].reverse().find((event) => event.type === "run.finished");
  const calls = new Set<string>();
  const refused = new Set<string>();
  const executed = new Set<string>();
  const statusRejected = new Set<string>();
  for (const event of sorted) {
    if (!event.type.startsWith("call.") || event.callId === undefined) continue;
    calls.add(event.callId);
    if (text(member(event.data, "status")) === "rejected") statusRejected.add(event.callId);
    if (event.type === "call.executed") executed.add(event.callId);
    if (event.type === "call.verdict" && refusingOutcomes.has(text(member(event.data, "outcome")) ?? "")) refused.add(event.callId);
  }
  const rejected = [...calls].filter((id) => statusRejected.has(id) || (refused.has(id) && !executed.has(id))).length;
  const summary: TraceSummary = {
    traceId,
    startedAt: (started ?? sorted[0])?.at ?? "",
    calls: calls.size,
    rejected,
    firstSeq: sorted[0]?.seq ?? 0,
  };
  if (finished !== undefined) summary.finishedAt = finished.at;
  const model = started === undefined ? undefined : text(member(started.data, "model"));
  if (model !== undefined) summary.model = model;
  const stopReason = finished === undefined ? undefined : text(member(finished.data, "stopReason"));
  if (stopReason !== undefined) summary.stopReason = stopReason;
  return summary;
}

/** Groups events by trace and summarises each, in the order of `traceIds`. */
export function summariseTraces(traceIds: readonly string[], events: readonly AuditEvent[]): TraceSummary[] {
  const byTrace = new Map<string, AuditEvent[]>(traceIds.map((id) => [id, []]));
  for (const event of events) byTrace.get(event.traceId)?.push(event);
  return traceIds.map((id) => summariseTrace(id, byTrace.get(id)!));
}
