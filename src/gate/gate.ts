// The gate: runs one proposed call through decode → resolve → validate → policy → approval → execute → guard → record.
import { randomUUID } from "node:crypto";
import { type ArgumentProvenance, type ArgumentTaint, type CallRecord, type LateCompletion, type CallSink, digestOf, type GateStage, type JsonValue, type Principal, type ProposedCall, type ToolError, type ToolOutcome, type Verdict } from "../record/index.js";
import { allowAll, noApprover, memoryCounterStore, defaultRateLimits, checkLimit } from "../policy/index.js";
import type { Approver, Policy, CounterStore, Limit } from "../policy/index.js";
import type { CallCaps } from "./call-caps.js";
import { callCapCounter } from "./call-caps.js";
import type { IsolationOptions } from "./isolated-execution.js";
import { isolatedTools } from "./isolated-execution.js";
import type { ToolRegistry, RegisteredTool } from "../tool/index.js";
import { checkPolicy, requestApproval } from "./authorise-call.js";
import { decideCall, verdictRecorder } from "./decide-call.js";
import type { DecodeOptions } from "./decode-arguments.js";
import { executeTool } from "./execute-tool.js";
import { guardOutput } from "./guard-output.js";
import { validateArguments } from "./validate-arguments.js";

export interface GateOptions {
  registry: ToolRegistry;
  policy?: Policy;
  approver?: Approver;
  sink?: CallSink;
  decode?: DecodeOptions;
  maxResultBytes?: number;
  /** Timeout for tools that declare none. Default 30 s. */
  defaultTimeoutMs?: number;
  retryDelayMs?: number;
  /** Calls per model step and per run (default 32 and 256); the excess is refused with `limit_exceeded`. `false`: no caps. */
  callCaps?: CallCaps | false;
  /**
   * Rate limits counted once the policy lets a call through (default `defaultRateLimits`: writes and privileged calls
   * per principal per minute); `[]` turns them off. Rules of a policy document add their own on top.
   */
  rateLimits?: readonly Limit[];
  /** Where the rate-limit counters live. Default: in memory, per gate; share a SQLite or PostgreSQL store across processes. */
  limitCounters?: CounterStore;
  /**
   * Runs tools in a worker thread each, terminated at the timeout: a busy loop or a tool that ignores its signal is
   * stopped. Off by default (a worker costs a few milliseconds and the tool must be loadable from `module`).
   */
  isolation?: IsolationOptions;
  now?: () => Date;
  newId?: () => string;
}

export interface CallContext {
  traceId: string;
  step: number;
  index: number;
  signal: AbortSignal;
  /** The tools the model was shown this step; calls to other registered tools are refused as unknown. */
  registry?: ToolRegistry;
  /** Who the run acts for; handed to the policy. */
  principal?: Principal;
  /** Finds argument values that came from untrusted tool results earlier in the run (taint tracking). */
  taintOf?: (args: JsonValue) => ArgumentTaint[];
  /** Traces each steering argument a tool declares to the trusted sources its value came from (positive provenance). */
  provenanceOf?: (tool: RegisteredTool, args: JsonValue) => ArgumentProvenance[];
}

export interface Gate {
  handle(call: ProposedCall, context: CallContext): Promise<CallRecord>;
  /** Resolves once every tool the gate stopped waiting for has finished and its late completion reached the sink. */
  settle?(): Promise<void>;
}

export function createGate(options: GateOptions): Gate {
  const policy = options.policy ?? allowAll;
  const approver = options.approver ?? noApprover;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
  const caps = options.callCaps === false ? undefined : callCapCounter(options.callCaps);
  const rateLimits = options.rateLimits ?? defaultRateLimits;
  const limitCounters = options.limitCounters ?? memoryCounterStore();
  const isIsolated = options.isolation ? isolatedTools(options.isolation) : () => false;
  // Late completions still on their way to the sink; settle() waits for them.
  const lateInFlight = new Set<Promise<void>>();
  const deliverLate = (record: CallRecord, late: Promise<LateCompletion>) => {
    const delivered = late
      .then((completion) => options.sink?.lateCompletion?.(record, completion))
      .catch((error: unknown) => {
        // Nobody awaits a late completion, so a sink that cannot take it must not fail silently.
        process.emitWarning(`toolgate: the late completion of call ${record.id} (${record.toolName}) could not be recorded: ${error instanceof Error ? error.message : String(error)}`, "ToolgateLateCompletionWarning");
      })
      .finally(() => lateInFlight.delete(delivered));
    lateInFlight.add(delivered);
  };

  async function handle(call: ProposedCall, context: CallContext): Promise<CallRecord> {
    const startedAt = now();
    const started = performance.now();
    const record: CallRecord = {
      id: newId(),
      traceId: context.traceId,
      step: context.step,
      index: context.index,
      proposed: { id: String(call.id), name: String(call.name), arguments: typeof call.arguments === "string" ? call.arguments : String(call.arguments) },
      repairs: [],
      verdicts: [],
      effects: [],
      outcome: { ok: true, result: null },
      status: "rejected",
      startedAt: startedAt.toISOString(),
      durationMs: 0,
    };
    const verdict = verdictRecorder(record);
    const finish = async (outcome: ToolOutcome, status: CallRecord["status"]): Promise<CallRecord> => {
      record.outcome = outcome;
      record.status = status;
      record.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      if (options.sink) await options.sink.record(record);
      return record;
    };
    const reject = (stage: GateStage, error: ToolError, outcome: Verdict["outcome"] = "fail", extra: Partial<Verdict> = {}) => {
      verdict({ stage, outcome, reason: error.message, ...extra });
      return finish({ ok: false, error }, "rejected");
    };

    // Caps come before anything else is decided: the thousandth call of a step is refused without being looked at.
    const capped = caps?.take(context.traceId, context.step);
    if (capped) return reject("policy", capped.error, "deny", { ruleId: capped.ruleId, detail: capped.detail });

    const decided = await decideCall(
      record,
      {
        registry: context.registry ?? options.registry,
        policy,
        ...(options.decode ? { decode: options.decode } : {}),
        ...(context.principal ? { principal: context.principal } : {}),
        ...(context.taintOf ? { taintOf: context.taintOf } : {}),
        ...(context.provenanceOf ? { provenanceOf: context.provenanceOf } : {}),
      },
      verdict,
    );
    if (!decided.ok) return finish({ ok: false, error: decided.error }, "rejected");
    const { tool, decision, policyInput } = decided;
    let validated: { value: unknown } = { value: decided.value };
    // A call the policy lets through (or sends to a person) is counted against the rate limits; refused calls never are.
    for (const limit of rateLimits) {
      const limited = await checkLimit(limit, policyInput, limitCounters, now());
      if (limited) return reject("policy", { code: "limit_exceeded", message: `${tool.providerName} did not run: ${limited.reason}` }, "deny", { ruleId: limited.ruleId, detail: { rateLimit: limit.id } });
    }

    if (decision.effect === "require-approval") {
      const approval = await requestApproval(approver, policyInput, decision, context.signal);
      if (!approval.ok) {
        verdict(approval.verdict);
        return finish({ ok: false, error: approval.error }, "rejected");
      }
      verdict(approval.verdict);
      if (approval.edited) {
        // The approver's edit is a new call: it runs only if it validates, the policy still allows it, and the grant names it.
        const edited = approval.edited;
        const revalidated = validateArguments(tool, edited.arguments);
        if (!revalidated.ok) return reject("validate", { ...revalidated.error, message: `the arguments ${edited.by} edited are invalid: ${revalidated.error.message}` });
        record.arguments = edited.arguments;
        record.callDigest = digestOf({ tool: tool.name, arguments: edited.arguments });
        if (record.callDigest !== edited.callDigest) {
          return reject("approval", { code: "approval_denied", message: `approval by ${edited.by} names call ${edited.callDigest}, but the edited arguments hash to ${record.callDigest}` }, "rejected");
        }
        const reauthorised = await checkPolicy((input) => policy.evaluate(input), { ...policyInput, arguments: edited.arguments, callDigest: record.callDigest });
        if (!reauthorised.ok) return reject("policy", reauthorised.error, "deny", { ruleId: reauthorised.decision.ruleId, detail: { editedBy: edited.by, ...(reauthorised.decision.policyDigest ? { policyDigest: reauthorised.decision.policyDigest } : {}) } });
        verdict({ stage: "validate", outcome: "pass", reason: `arguments edited by ${edited.by}`, detail: { editedBy: edited.by, callDigest: record.callDigest } });
        validated = revalidated;
      }
    }

    // The proposal and every verdict must be durable before the tool can change anything.
    if (options.sink?.callAuthorised) await options.sink.callAuthorised(record);
    const executed = await executeTool(tool, validated.value, {
      callId: record.id,
      traceId: context.traceId,
      idempotencyKey: `${context.traceId}:${record.id}`,
      signal: context.signal,
      defaultTimeoutMs,
      retryDelayMs: options.retryDelayMs,
      now,
      ...(options.isolation && isIsolated(tool.name) ? { isolation: options.isolation } : {}),
      ...(context.principal ? { principal: context.principal } : {}),
    });
    for (const late of executed.late ?? []) deliverLate(record, late);
    record.execution = executed.execution;
    record.effects = executed.effects;
    verdict({ stage: "execute", outcome: executed.ok ? "pass" : "fail", ...(executed.ok ? {} : { reason: executed.error.message }), detail: { attempts: executed.execution.attempts } });
    if (!executed.ok) return finish({ ok: false, error: executed.error }, "failed");

    const guarded = guardOutput(tool.providerName, executed.value, { maxResultBytes: options.maxResultBytes });
    if (!guarded.ok) {
      verdict({ stage: "guard", outcome: "fail", reason: guarded.error.message });
      return finish({ ok: false, error: guarded.error }, "failed");
    }
    verdict({ stage: "guard", outcome: "pass", ...(guarded.truncated ? { reason: "result truncated", detail: { ...guarded.truncated } } : {}) });
    return finish(guarded.outcome, "succeeded");
  }

  const settle = async () => {
    while (lateInFlight.size > 0) await Promise.all([...lateInFlight]);
  };
  return { handle, settle };
}
