// What a tool is: its definition as authors write it, and the registered form the gate works with.
import type { ZodType } from "zod";
import type { JsonSchema, RiskLevel, ToolEffect } from "../record/index.js";
import type { SteeringKind, SteeringSpec } from "../record/argument-provenance.js";
import type { Principal } from "../record/principal.js";

/** Whether a tool's results may carry text written by someone other than the application (an inbox, a web page, a file). */
export type ToolTrust = "trusted" | "untrusted";

export interface CapabilityArea {
  name: string;
  description: string;
}

export interface ToolContext {
  /** Aborted on timeout, on run cancellation, or when the loop stops. Tools must pass it to their I/O. */
  signal: AbortSignal;
  callId: string;
  traceId: string;
  /** 1 for the first attempt, incremented on each retry. */
  attempt: number;
  /** Stable across retries of one call; tools with side effects use it to deduplicate. */
  idempotencyKey: string;
  /** Declares a change this call made (a row written, a message sent); recorded with the call. */
  recordEffect(effect: ToolEffect): void;
  /**
   * Who the run acts for, as the application set it (never the model): tools that hold per-user data (retrieval over
   * access-labelled documents) filter by it. Absent when the run names no principal; such tools then grant the least.
   */
  principal?: Readonly<Principal>;
}

export interface ToolDefinition<Args = unknown, Result = unknown> {
  name: string;
  description: string;
  area: string;
  risk: RiskLevel;
  /** A Zod schema or a JSON Schema for the arguments. */
  input: ZodType<Args> | JsonSchema;
  output?: ZodType<Result> | JsonSchema;
  /** Safe to run twice with the same arguments; such tools may be retried. */
  idempotent?: boolean;
  /** The tool deduplicates on `context.idempotencyKey`, so a retry cannot apply its effect twice. */
  honorsIdempotencyKey?: boolean;
  timeoutMs?: number;
  /** Retries after the first attempt, for idempotent tools. */
  retries?: number;
  /** JSON pointers (into the arguments) of values to redact in records. */
  sensitive?: string[];
  /**
   * JSON pointers (into the result; `*` for every item) of sensitive values the tool returns (a customer's e-mail,
   * phone). Like `sensitive`, each value found is then redacted wherever it appears in the run's later audit events.
   */
  sensitiveResult?: string[];
  /** "untrusted" for tools whose results carry outside text (mail, web pages, files, search hits); default "trusted". */
  trust?: ToolTrust;
  /**
   * Arguments that steer an effect (a recipient, an account, a URL, a path, an amount, the id of a thing to delete or
   * share), by JSON pointer (`*` for every array item): each runs without a person only when its value is traced to
   * the user's words, a trusted tool result, an allow-list or an earlier approval in the run.
   */
  steers?: Record<string, SteeringKind | SteeringSpec>;
  /**
   * For a trusted tool: JSON pointers into its result (`*` for every item) whose text someone outside wrote (a
   * customer's notes, a review, a message body). Those fields are untrusted; the rest of the result is trusted.
   */
  untrustedFields?: string[];
  /** The tool only emits text (a reply, a post) and changes nothing else; its free-text arguments get moderated. */
  outputOnly?: boolean;
  execute(args: Args, context: ToolContext): Promise<Result> | Result;
}

/** A tool as the registry holds it: canonical schemas, a provider-safe name and a pinning digest. */
export interface RegisteredTool {
  name: string;
  /** A name every provider accepts (`^[a-zA-Z0-9_-]{1,64}$`), mapped back to `name` on the way in. */
  providerName: string;
  description: string;
  area: string;
  risk: RiskLevel;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  idempotent: boolean;
  honorsIdempotencyKey: boolean;
  timeoutMs?: number;
  retries: number;
  sensitive: string[];
  sensitiveResult: string[];
  trust: ToolTrust;
  steers: Record<string, SteeringSpec>;
  untrustedFields: string[];
  outputOnly: boolean;
  /** SHA-256 over the canonical definition (name, description, area, risk, schemas, flags). */
  digest: string;
  /** Compiled once at registration; validates decoded arguments against `inputSchema`. */
  validateInput: ArgumentValidator;
  /** For Zod tools: a second pass for refinements JSON Schema cannot express, and to apply transforms and defaults. */
  parseInput?: (args: unknown) => { ok: true; value: unknown } | { ok: false; issues: Array<{ path: string; message: string }> };
  execute(args: unknown, context: ToolContext): Promise<unknown>;
}

/** Ajv's compiled validator, narrowed to what the gate reads. */
export interface ArgumentValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, unknown>; message?: string; schemaPath: string }> | null;
}
