// One tool call run in isolation (a worker thread or a child process), and how it ended: shared by both runners.
import type { ToolEffect } from "../record/index.js";

/** How an isolated call ended: its value, its error, or that it was terminated (timeout or run cancelled). */
export type IsolatedOutcome = { kind: "value"; value: unknown } | { kind: "error"; error: { name: string; message: string } } | { kind: "terminated"; reason: "timeout" | "aborted" };

export interface IsolatedCall {
  toolName: string;
  args: unknown;
  callId: string;
  traceId: string;
  attempt: number;
  idempotencyKey: string;
  timeoutMs: number;
  signal: AbortSignal;
  recordEffect(effect: ToolEffect): void;
}
