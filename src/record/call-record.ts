// The one record of a proposed call: what the gate decided at each stage, what ran, and what the model was sent back.
import type { JsonValue } from "./json.js";
import type { ProposedCall } from "./messages.js";
import type { RiskLevel } from "./tool-spec.js";
import type { ToolEffect } from "./tool-effect.js";
import type { ArgumentTaint } from "./argument-taint.js";
import type { ArgumentProvenance } from "./argument-provenance.js";
import type { Principal } from "./principal.js";

export type ToolErrorCode =
  | "invalid_json"
  | "unknown_tool"
  | "invalid_arguments"
  | "policy_denied"
  | "approval_required"
  | "approval_denied"
  | "timeout"
  | "tool_error"
  | "aborted"
  | "output_not_serializable"
  | "invalid_output"
  /** A per-step or per-run call cap, or a rate limit, refused the call; the message says how many run and what to do. */
  | "limit_exceeded";

/** An error as the model receives it: precise enough for the model to fix its own call. */
export interface ToolError {
  code: ToolErrorCode;
  message: string;
  /** JSON pointer into the arguments where the problem is. */
  path?: string;
  /** What was expected there (a type, a format, an enum, a name). */
  expected?: string;
  /** What was received there, abbreviated. */
  received?: string;
  /** For unknown tools: the closest names the model may call instead. */
  availableTools?: string[];
  /** Further problems after the first, when validation found several. */
  issues?: Array<{ path: string; message: string; expected?: string; received?: string }>;
}

/** What the model receives for every call, success or failure. */
export type ToolOutcome = { ok: true; result: JsonValue } | { ok: false; error: ToolError };

export type GateStage = "decode" | "resolve" | "validate" | "policy" | "approval" | "execute" | "guard";

/** One stage's decision about one call. `detail` carries stage-specific facts (rule id, repair, attempts). */
export interface Verdict {
  stage: GateStage;
  outcome: "pass" | "fail" | "deny" | "approval-required" | "approved" | "rejected" | "skipped";
  /** Microseconds spent in the stage. */
  durationUs: number;
  reason?: string;
  ruleId?: string;
  detail?: JsonValue;
}

/** A change to the raw argument text the decoder made so it would parse. */
export interface Repair {
  original: string;
  repaired: string;
  description: string;
}

export interface ExecutionRecord {
  status: "ok" | "error" | "timeout" | "aborted";
  attempts: number;
  durationMs: number;
  error?: { name: string; message: string };
  /**
   * Attempts still running when the gate stopped waiting (timeout or cancellation in-process): `effects` are only what
   * they declared until then, and each one's end is recorded later as a LateCompletion (audit event `call.late`).
   */
  abandoned?: number;
  /** The call ran in its own worker thread (isolation mode). */
  isolated?: true;
  /** Its worker was terminated (timeout or cancellation): nothing it did can follow, so no late completion will come. */
  terminated?: true;
}

/** A tool attempt that finished after the gate stopped waiting for it: how it ended, and what it declared since. */
export interface LateCompletion {
  callId: string;
  traceId: string;
  attempt: number;
  status: "succeeded" | "failed";
  error?: { name: string; message: string };
  /** When it finished, and how long after the gate gave up on it. */
  finishedAt: string;
  afterMs: number;
  /** Effects declared after the gate gave up (those before are on the CallRecord). */
  effects: ToolEffect[];
}

/** Final disposition: ran and succeeded, ran and failed, or never ran because a stage refused it. */
export type CallStatus = "succeeded" | "failed" | "rejected";

/** Everything the gate decided about one proposed call. Audit, eval, datasets and the dashboard read this. */
export interface CallRecord {
  id: string;
  traceId: string;
  /** Model step the call was proposed in, and its position within that step. */
  step: number;
  index: number;
  proposed: ProposedCall;
  /** Canonical tool name, once resolved. */
  toolName?: string;
  toolDigest?: string;
  area?: string;
  risk?: RiskLevel;
  /** The decoded arguments (after any repair), when decoding succeeded. */
  arguments?: JsonValue;
  /** SHA-256 of canonical {tool, arguments}; approvals bind to it. */
  callDigest?: string;
  /** JSON pointers (into the arguments) the tool declares sensitive; durable records redact them. Absent when none. */
  sensitive?: string[];
  repairs: Repair[];
  /** Arguments carrying values from untrusted tool results, with where each came from. */
  taint?: ArgumentTaint[];
  /** Who the run acted for when the policy decided (id, roles, tenant), so a replay judges principal rules the same way. */
  principal?: Principal;
  /** Each argument the tool declares as steering an effect, with the trusted sources its value was traced to (none: unproven). */
  provenance?: ArgumentProvenance[];
  verdicts: Verdict[];
  execution?: ExecutionRecord;
  effects: ToolEffect[];
  /** Exactly what the model was sent back. */
  outcome: ToolOutcome;
  status: CallStatus;
  startedAt: string;
  durationMs: number;
}
