// One run's row in the dashboard's runs list, folded from its audit events as they arrive (in any number of batches).
import type { AuditEvent } from "../audit/index.js";
import type { JsonValue } from "../record/index.js";

/** The worst thing that happened to any call of the run, mildest first: what the runs list filters and colours by. */
export const runVerdicts = ["none", "allowed", "approval", "invalid", "denied"] as const;
export type RunVerdict = (typeof runVerdicts)[number];

/** `running` until a run.finished arrives; `pending` when the run stopped to wait for a person. */
export const runStatuses = ["running", "ok", "pending", "error"] as const;
export type RunStatus = (typeof runStatuses)[number];

export interface ToolTally {
  calls: number;
  denied: number;
  approvals: number;
}

export interface RunRow {
  traceId: string;
  /** Sequence number of the run's first event: the runs list's keyset order. */
  firstSeq: number;
  startedAt: string;
  finishedAt?: string;
  principal?: string;
  model?: string;
  status: RunStatus;
  verdict: RunVerdict;
  calls: number;
  rejected: number;
  durationMs?: number;
  tools: Record<string, ToolTally>;
}

const member = (data: JsonValue, key: string): JsonValue | undefined =>
  data !== null && typeof data === "object" && !Array.isArray(data) ? data[key] : undefined;
const text = (value: JsonValue | undefined): string | undefined => (typeof value === "string" ? value : undefined);

const verdictRank = (verdict: RunVerdict) => runVerdicts.indexOf(verdict);
const worse = (a: RunVerdict, b: RunVerdict): RunVerdict => (verdictRank(b) > verdictRank(a) ? b : a);

/** What one call.verdict means for the run: a refusal by policy or a person, a malformed call, an approval asked. */
function verdictOfStage(stage: string | undefined, outcome: string | undefined): RunVerdict {
  if (outcome === "pass" || outcome === "skipped" || outcome === undefined) return "allowed";
  if (stage === "approval") return outcome === "approval-required" || outcome === "approved" || outcome === "pending" ? "approval" : "denied";
  if (stage === "decode" || stage === "resolve" || stage === "validate") return outcome === "fail" ? "invalid" : "allowed";
  if (outcome === "deny" || outcome === "rejected" || outcome === "denied") return "denied";
  if (outcome === "approval-required") return "approval";
  return outcome === "fail" ? "invalid" : "allowed";
}

function principalId(value: JsonValue | undefined): string | undefined {
  return text(member(value ?? null, "id"));
}

/**
 * Folds `events` of one trace into `row` (a new row when undefined). `toolOfCall` remembers which tool each call id
 * named, because a call's verdicts can arrive in a later batch than its call.proposed.
 */
export function foldRunEvents(row: RunRow | undefined, traceId: string, events: readonly AuditEvent[], toolOfCall: Map<string, string>): RunRow {
  const first = events[0];
  const folded: RunRow = row
    ? { ...row, tools: Object.fromEntries(Object.entries(row.tools).map(([name, tally]) => [name, { ...tally }])) }
    : { traceId, firstSeq: first?.seq ?? 0, startedAt: first?.at ?? "", status: "running", verdict: "none", calls: 0, rejected: 0, tools: {} };
  const tally = (tool: string): ToolTally => (folded.tools[tool] ??= { calls: 0, denied: 0, approvals: 0 });
  for (const event of events) {
    if (event.seq < folded.firstSeq) {
      folded.firstSeq = event.seq;
      folded.startedAt = event.at;
    }
    switch (event.type) {
      case "run.started": {
        folded.startedAt = event.at;
        folded.model = text(member(event.data, "model")) ?? folded.model;
        folded.principal = principalId(member(event.data, "principal")) ?? folded.principal;
        break;
      }
      case "call.proposed": {
        const tool = text(member(event.data, "toolName")) ?? text(member(event.data, "name")) ?? "(unnamed)";
        if (event.callId !== undefined) toolOfCall.set(event.callId, tool);
        folded.calls++;
        tally(tool).calls++;
        folded.verdict = worse(folded.verdict, "allowed");
        folded.principal ??= principalId(member(event.data, "principal"));
        break;
      }
      case "call.verdict": {
        const verdict = verdictOfStage(text(member(event.data, "stage")), text(member(event.data, "outcome")));
        folded.verdict = worse(folded.verdict, verdict);
        const tool = event.callId === undefined ? undefined : toolOfCall.get(event.callId);
        if (tool !== undefined && verdict === "denied") tally(tool).denied++;
        if (tool !== undefined && verdict === "approval" && text(member(event.data, "outcome")) !== "approved") tally(tool).approvals++;
        break;
      }
      case "call.executed": {
        if (text(member(event.data, "status")) === "rejected") folded.rejected++;
        break;
      }
      case "run.finished": {
        folded.finishedAt = event.at;
        const stopReason = text(member(event.data, "stopReason"));
        const outcome = text(member(event.data, "outcome"));
        folded.status = stopReason === "error" || outcome === "error" ? "error" : stopReason === "approval-pending" ? "pending" : "ok";
        const duration = member(event.data, "durationMs");
        folded.durationMs = typeof duration === "number" ? duration : Math.max(0, Date.parse(event.at) - Date.parse(folded.startedAt));
        folded.principal ??= principalId(member(event.data, "principal"));
        break;
      }
      default:
        break;
    }
  }
  return folded;
}
