// The gate: runs one proposed call through decode → resolve → validate → policy → approval → execute → guard → record.
import { randomUUID } from "node:crypto";
import { type ArgumentTaint, type CallRecord, digestOf, type GateStage, type JsonValue, type Principal, type ProposedCall, type ToolError, type ToolOutcome, type Verdict } from "../record/index.js";
import { allowAll } from "../policy/allow-all.js";
import { noApprover } from "../policy/approvers.js";
import type { Approver, Policy, PolicyInput } from "../policy/types.js";
import type { ToolRegistry } from "../tool/registry.js";
import { checkPolicy, requestApproval } from "./authorise-call.js";
import type { DecodeOptions } from "./decode-arguments.js";
import { decodeArguments } from "./decode-arguments.js";
import { executeTool } from "./execute-tool.js";
import { guardOutput } from "./guard-output.js";
import { resolveTool } from "./resolve-tool.js";
import type { CallSink } from "./types.js";
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
}

export interface Gate {
  handle(call: ProposedCall, context: CallContext): Promise<CallRecord>;
}

export function createGate(options: GateOptions): Gate {
  const policy = options.policy ?? allowAll;
  const approver = options.approver ?? noApprover;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;

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
    let stageStarted = performance.now();
    const verdict = (entry: Omit<Verdict, "durationUs">) => {
      const end = performance.now();
      record.verdicts.push({ ...entry, durationUs: Math.round((end - stageStarted) * 1000) });
      stageStarted = end;
    };
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

    const decoded = decodeArguments(record.proposed.arguments, options.decode);
    record.repairs = decoded.repairs;
    if (!decoded.ok) return reject("decode", decoded.error);
    verdict({
      stage: "decode",
      outcome: "pass",
      ...(decoded.repairs.length > 0 ? { reason: decoded.repairs.map((repair) => repair.description).join("; ") } : {}),
      ...(decoded.floatPaths.length > 0 ? { detail: { floatPaths: decoded.floatPaths } } : {}),
    });
    record.arguments = decoded.value;

    const resolved = resolveTool(record.proposed.name, context.registry ?? options.registry);
    if (!resolved.ok) return reject("resolve", resolved.error);
    const tool = resolved.tool;
    record.toolName = tool.name;
    record.toolDigest = tool.digest;
    record.area = tool.area;
    record.risk = tool.risk;
    record.callDigest = digestOf({ tool: tool.name, arguments: decoded.value });
    if (tool.sensitive.length > 0) record.sensitive = [...tool.sensitive];
    verdict({ stage: "resolve", outcome: "pass" });

    let validated = validateArguments(tool, decoded.value);
    if (!validated.ok) return reject("validate", validated.error);
    verdict({ stage: "validate", outcome: "pass" });

    const policyInput: PolicyInput = {
      traceId: context.traceId,
      callId: record.id,
      toolName: tool.name,
      toolDigest: tool.digest,
      area: tool.area,
      risk: tool.risk,
      arguments: decoded.value,
      callDigest: record.callDigest,
      step: context.step,
      ...(context.principal ? { principal: context.principal } : {}),
    };
    const taint = context.taintOf?.(decoded.value) ?? [];
    if (taint.length > 0) record.taint = taint;
    // Values the user also typed stay in the record but are not taint to the policy.
    const attackerReachable = taint.filter((entry) => entry.endorsedByUser !== true);
    if (attackerReachable.length > 0) policyInput.taint = attackerReachable;
    const policyResult = await checkPolicy((input) => policy.evaluate(input), policyInput);
    const decision = policyResult.decision;
    // Which policy version decided, and whose approval it asks for, belong in the record beside the rule.
    const policyDetail = {
      ...(decision.policyDigest ? { policyDigest: decision.policyDigest } : {}),
      ...(decision.effect === "require-approval" && decision.approverRole ? { approverRole: decision.approverRole } : {}),
    };
    const policyExtra = Object.keys(policyDetail).length > 0 ? { detail: policyDetail } : {};
    if (!policyResult.ok) return reject("policy", policyResult.error, "deny", { ruleId: decision.ruleId, ...policyExtra });
    verdict({ stage: "policy", outcome: decision.effect === "allow" ? "pass" : "approval-required", reason: decision.reason, ruleId: decision.ruleId, ...policyExtra });

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
    });
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

  return { handle };
}
