// A paused run as plain JSON: the conversation so far, the calls waiting for approval, and what resuming must match.
import { type CallRecord, type ChatMessage, digestOf, type Principal, type ProposedCall, type Trace } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import type { DefenceSettings } from "./defence-settings.js";

interface PendingCall {
  /** Position in the step, so results go back to the model in call order. */
  index: number;
  /** The gate's call id; the approval is bound to it, and the resumed call keeps it. */
  callId: string;
  approvalId: string;
  proposed: ProposedCall;
}

export interface RunState {
  version: 2;
  traceId: string;
  /** The step whose calls wait. Its other calls are settled and kept in `trace.calls`. */
  step: number;
  /** Model, tools (by definition digest) and principal the run had; a resume with others is refused. */
  optionsDigest: string;
  /** The defences the waiting calls were decided under; a resume under weaker ones is refused unless every one is decided again. */
  defences: DefenceSettings;
  /** The conversation up to and including the assistant turn that proposed the waiting calls. */
  messages: ChatMessage[];
  pending: PendingCall[];
  /** The trace so far, continued by the resumed run under the same id. */
  trace: Trace;
  /** Calls the run proposed before it paused (refused ones too): a resume counts on from here toward the per-run cap. */
  callsProposed?: number;
  /** Set once a resume took the run over: what ran since then stays as recorded, and the run is never resumed again. */
  resumedAt?: string;
}

export class RunStateError extends Error {
  override readonly name = "RunStateError";
}

export function runOptionsDigest(options: { modelId: string; registry: ToolRegistry; principal?: Principal }): string {
  const tools = options.registry.tools.map((tool) => [tool.name, tool.digest]).sort(([a], [b]) => (a! < b! ? -1 : 1));
  return digestOf({ model: options.modelId, tools, principal: options.principal ?? null });
}

/** The approval id a call waits on, when the gate paused it; undefined for a call that was decided. */
export function pendingApprovalOf(call: CallRecord): string | undefined {
  const verdict = call.verdicts.find((entry) => entry.stage === "approval" && entry.outcome === "approval-required");
  const detail = verdict?.detail;
  if (detail === null || typeof detail !== "object" || Array.isArray(detail) || detail.pending !== true) return undefined;
  return typeof detail.approvalId === "string" ? detail.approvalId : undefined;
}

export function pausedRunState(input: { trace: Trace; messages: readonly ChatMessage[]; step: number; calls: readonly CallRecord[]; optionsDigest: string; defences: DefenceSettings }): RunState {
  const pending: PendingCall[] = [];
  for (const call of input.calls) {
    const approvalId = pendingApprovalOf(call);
    if (approvalId !== undefined) pending.push({ index: call.index, callId: call.id, approvalId, proposed: structuredClone(call.proposed) });
  }
  return {
    version: 2,
    traceId: input.trace.id,
    step: input.step,
    optionsDigest: input.optionsDigest,
    defences: { ...input.defences },
    messages: structuredClone([...input.messages]),
    pending: pending.sort((a, b) => a.index - b.index),
    callsProposed: input.trace.calls.length,
    trace: structuredClone(input.trace),
  };
}

/** The paused step's calls, in call order: the settled ones beside the waiting ones. */
export function pausedStepCalls(state: RunState): CallRecord[] {
  return state.trace.calls.filter((call) => call.step === state.step).sort((a, b) => a.index - b.index);
}

/** Checks a state read back from a store has the shape this version writes. */
export function parseRunState(value: unknown): RunState {
  const state = value as Partial<RunState> | null;
  if (state !== null && typeof state === "object" && (state as { version?: unknown }).version === 1) {
    throw new RunStateError("this run was paused by an earlier toolgate (run state version 1), which did not record the defences its calls were decided under; start the run again");
  }
  const defences = state?.defences as Partial<DefenceSettings> | undefined;
  if (
    state === null || typeof state !== "object" || state.version !== 2 || typeof state.traceId !== "string" || typeof state.step !== "number" ||
    !Array.isArray(state.pending) || !Array.isArray(state.messages) || state.trace === undefined || typeof state.optionsDigest !== "string" ||
    defences === undefined || typeof defences.policy !== "string" || typeof defences.taint !== "boolean"
  ) {
    throw new RunStateError("this is not a toolgate run state (version 2); resume from the state the approval store saved for the trace");
  }
  return state as RunState;
}
