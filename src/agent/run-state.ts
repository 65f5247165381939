// A paused run as plain JSON: the conversation so far, the calls waiting for approval, and what resuming must match.
import { type CallRecord, type ChatMessage, digestOf, type Principal, type ProposedCall, type Trace } from "../record/index.js";
import type { ToolRegistry } from "../tool/registry.js";

export interface PendingCall {
  /** Position in the step, so results go back to the model in call order. */
  index: number;
  /** The gate's call id; the approval is bound to it, and the resumed call keeps it. */
  callId: string;
  approvalId: string;
  proposed: ProposedCall;
}

/** A tool result already settled in the paused step (calls beside the pending ones). */
export interface SettledResult {
  index: number;
  callId: string;
  toolName: string;
  content: string;
}

export interface RunState {
  version: 1;
  traceId: string;
  /** The step whose calls wait. */
  step: number;
  /** Model, tools (by definition digest) and principal the run had; a resume with others is refused. */
  optionsDigest: string;
  /** The conversation up to and including the assistant turn that proposed the waiting calls. */
  messages: ChatMessage[];
  settled: SettledResult[];
  pending: PendingCall[];
  /** The trace so far, continued by the resumed run under the same id. */
  trace: Trace;
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

export function pausedRunState(input: { trace: Trace; messages: readonly ChatMessage[]; step: number; calls: readonly CallRecord[]; optionsDigest: string }): RunState {
  const settled: SettledResult[] = [];
  const pending: PendingCall[] = [];
  for (const call of input.calls) {
    const approvalId = pendingApprovalOf(call);
    if (approvalId === undefined) settled.push({ index: call.index, callId: call.proposed.id, toolName: call.proposed.name, content: JSON.stringify(call.outcome) });
    else pending.push({ index: call.index, callId: call.id, approvalId, proposed: structuredClone(call.proposed) });
  }
  return {
    version: 1,
    traceId: input.trace.id,
    step: input.step,
    optionsDigest: input.optionsDigest,
    messages: structuredClone([...input.messages]),
    settled,
    pending,
    trace: structuredClone(input.trace),
  };
}

/** Checks a state read back from a store has the shape this version writes. */
export function parseRunState(value: unknown): RunState {
  const state = value as Partial<RunState> | null;
  if (state === null || typeof state !== "object" || state.version !== 1 || typeof state.traceId !== "string" || !Array.isArray(state.pending) || !Array.isArray(state.messages) || state.trace === undefined) {
    throw new RunStateError("this is not a toolgate run state (version 1); resume from the state the approval store saved for the trace");
  }
  return state as RunState;
}
