// The audit event for a tool that finished after the gate stopped waiting for it: its own event, with the effects it declared since.
import type { CallRecord, JsonValue, LateCompletion, ToolEffect } from "../record/index.js";
import type { AuditEventInput } from "./types.js";

/** `call.late`: how an abandoned attempt ended, when, and what it changed after the call's record was closed. */
export interface CallLateData {
  step: number;
  index: number;
  toolName?: string;
  attempt: number;
  status: LateCompletion["status"];
  error?: { name: string; message: string };
  /** Milliseconds after the gate gave up on it. */
  afterMs: number;
  effects: ToolEffect[];
}

export function lateCompletionEvent(call: CallRecord, late: LateCompletion): AuditEventInput {
  const data: CallLateData = {
    step: call.step,
    index: call.index,
    ...(call.toolName !== undefined ? { toolName: call.toolName } : {}),
    attempt: late.attempt,
    status: late.status,
    ...(late.error ? { error: late.error } : {}),
    afterMs: late.afterMs,
    effects: late.effects,
  };
  return { type: "call.late", traceId: call.traceId, callId: call.id, at: late.finishedAt, data: JSON.parse(JSON.stringify(data)) as JsonValue };
}
