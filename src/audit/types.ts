// The audit trail's contract: events, the store interface both backends implement, and what verification reports.
import type { JsonValue } from "../record/index.js";

/** Bumped when the canonical form of an event changes; stored with every event so old chains still verify. */
export const auditSchemaVersion = 1;

export type AuditEventType =
  | "run.started"
  | "run.finished"
  /** One model call: inputs and outputs by digest, usage, latency. */
  | "model.step"
  /** Which tools were exposed to the model for a step, and why (router, scores). */
  | "routing.decision"
  /** A proposed call as the model sent it (raw arguments), written before anything runs. */
  | "call.proposed"
  /** One gate stage's verdict: validation, policy (rule id, reason), approval (approver, bound call digest). */
  | "call.verdict"
  /** Execution: status, attempts, duration, and the result the model received. */
  | "call.executed"
  /** What the tool declared it changed. */
  | "call.effects"
  /** A tool that finished after the gate stopped waiting (timeout, cancellation): how it ended and its effects since. */
  | "call.late"
  /** A signed statement over the chain head; written by the store. */
  | "checkpoint"
  /** Events before this point were pruned by retention; written by the store before the cut. */
  | "retention.pruned"
  /** A fine-tuning bundle was written: its signed manifest's digest, what it holds, the audit head it was read at. */
  | "dataset.bundle"
  /** A fine-tuning job was submitted to a provider (files uploaded, job id) or changed state. */
  | "dataset.finetune"
  /** A person approved a tool's changed definition (an MCP server's rug pull re-approved): old and new digest, the diff, scan findings. */
  | "tool.pinned";

/** What producers hand to the store. */
export interface AuditEventInput {
  type: AuditEventType;
  traceId: string;
  callId?: string;
  /** ISO-8601 time the fact happened (not when it was stored). */
  at: string;
  data: JsonValue;
  /** JSON pointers into `data` to redact before hashing and storage (tool-declared sensitive fields, config). */
  redact?: string[];
}

/** A stored event: its position in the one chain, and the hashes that link it. */
export interface AuditEvent extends AuditEventInput {
  seq: number;
  schemaVersion: number;
  /** JSON pointers (into `data`) whose values were redacted before hashing and storage. */
  redacted: string[];
  /** Hash of the previous event (all zeros for the first). */
  prevHash: string;
  /** SHA-256 over prevHash and the canonical event. */
  hash: string;
}

export interface AuditQuery {
  traceId?: string;
  types?: AuditEventType[];
  fromSeq?: number;
  limit?: number;
}

export interface TraceSummary {
  traceId: string;
  startedAt: string;
  finishedAt?: string;
  model?: string;
  stopReason?: string;
  calls: number;
  rejected: number;
  firstSeq: number;
}

export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  checkpointsChecked: number;
  /** The first broken link, named precisely enough to find the row. */
  firstProblem?: { seq: number; kind: "hash-mismatch" | "broken-link" | "gap" | "bad-checkpoint" | "missing-tail" | "reordered" | "schema"; message: string };
}

export interface AuditStore {
  /** The store URL it was opened with (`sqlite:…`, `postgres://…`), credentials removed. */
  readonly url: string;
  /** Appends events to the one chain. Resolves only once they are durable; order within a call is kept. */
  append(events: AuditEventInput[]): Promise<AuditEvent[]>;
  read(query?: AuditQuery): Promise<AuditEvent[]>;
  listTraces(options?: { limit?: number; since?: string }): Promise<TraceSummary[]>;
  verify(): Promise<VerifyReport>;
  /** Writes a signed checkpoint over the current head. */
  checkpoint(): Promise<AuditEvent>;
  /** Removes events older than `before`, after a checkpoint that keeps the rest verifiable. */
  prune(options: { before: string }): Promise<{ removed: number }>;
  close(): Promise<void>;
}
