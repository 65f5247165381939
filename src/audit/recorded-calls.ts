// The CallRecords of one recorded run, rebuilt from its audit events, with the pointers the store redacted: what replay and other readers judge.
import type { CallRecord, RecordedCall, Verdict } from "../record/index.js";
import type { AuditedCall } from "./export-run.js";
import { auditedRun } from "./export-run.js";
import type { AuditEvent } from "./types.js";

export class RecordedRunError extends Error {
  override readonly name = "RecordedRunError";
}

/**
 * Every call of the run, in the order the model proposed them. `traceId` defaults to the first run among the
 * events; a call's fields come from its call.proposed, call.verdict, call.executed and call.effects events.
 */
export function recordedCalls(events: readonly AuditEvent[], traceId?: string): { traceId: string; calls: RecordedCall[] } {
  const id = traceId ?? events.find((event) => event.type !== "checkpoint" && event.type !== "retention.pruned")?.traceId;
  const run = id === undefined ? undefined : auditedRun(events, id);
  if (!run) throw new RecordedRunError(`no recorded run${id ? ` ${id}` : ""} among the events given; pass the events of one trace (store.read({ traceId }))`);
  return { traceId: run.traceId, calls: run.calls.map((call) => recordedCall(run.traceId, call)) };
}

function recordedCall(traceId: string, audited: AuditedCall): RecordedCall {
  const proposed = audited.proposed?.data;
  const executed = audited.executed?.data;
  const call: CallRecord = {
    id: audited.callId,
    traceId,
    step: audited.step,
    index: audited.index,
    proposed: { id: proposed?.modelCallId ?? "", name: proposed?.name ?? executed?.toolName ?? "unknown", arguments: typeof proposed?.arguments === "string" ? proposed.arguments : "" },
    ...(proposed?.toolName ?? executed?.toolName ? { toolName: proposed?.toolName ?? executed?.toolName } : {}),
    ...(proposed?.toolDigest ? { toolDigest: proposed.toolDigest } : {}),
    ...(proposed?.area ? { area: proposed.area } : {}),
    ...(proposed?.risk ? { risk: proposed.risk } : {}),
    ...(proposed?.decodedArguments !== undefined ? { arguments: proposed.decodedArguments } : {}),
    ...(proposed?.callDigest ? { callDigest: proposed.callDigest } : {}),
    repairs: proposed?.repairs ?? [],
    ...(proposed?.taint ? { taint: proposed.taint } : {}),
    ...(proposed?.provenance ? { provenance: proposed.provenance } : {}),
    ...(proposed?.principal ? { principal: proposed.principal } : {}),
    verdicts: audited.verdicts.map(({ data }): Verdict => ({
      stage: data.stage,
      outcome: data.outcome,
      durationUs: data.durationUs,
      ...(data.reason !== undefined ? { reason: data.reason } : {}),
      ...(data.ruleId !== undefined ? { ruleId: data.ruleId } : {}),
      ...(data.detail !== undefined ? { detail: data.detail } : {}),
    })),
    ...(executed?.execution ? { execution: executed.execution } : {}),
    effects: audited.effects?.data.effects ?? [],
    outcome: executed?.outcome ?? { ok: false, error: { code: "aborted", message: "the record holds no outcome for this call" } },
    status: executed?.status ?? "rejected",
    startedAt: audited.proposed?.at ?? audited.executed?.at ?? "",
    durationMs: executed?.durationMs ?? 0,
  };
  // Pointers into the events' data, restated as pointers into the CallRecord.
  const redacted = [
    ...(audited.proposed?.redacted ?? []).map((pointer) => (pointer === "/arguments" ? "/proposed/arguments" : pointer.replace(/^\/decodedArguments/, "/arguments"))),
    ...(audited.executed?.redacted ?? []),
    ...(audited.effects?.redacted ?? []),
  ];
  return { call, redacted, finished: executed !== undefined, proposed: proposed !== undefined };
}
