// Gate stages 1–4, decode → resolve → validate → policy: everything the gate decides about a call before a person is asked or anything runs.
import { type ArgumentProvenance, type ArgumentTaint, type CallRecord, digestOf, type GateStage, type JsonValue, type Principal, type ToolError, type Verdict } from "../record/index.js";
import type { Policy, PolicyDecision, PolicyInput } from "../policy/index.js";
import type { ToolRegistry, RegisteredTool } from "../tool/index.js";
import { checkPolicy } from "./authorise-call.js";
import type { DecodeOptions } from "./decode-arguments.js";
import { decodeArguments } from "./decode-arguments.js";
import { resolveTool } from "./resolve-tool.js";
import { validateArguments } from "./validate-arguments.js";

export interface DecideOptions {
  /** The tools the call may resolve to (those the model was shown). */
  registry: ToolRegistry;
  policy: Policy;
  decode?: DecodeOptions;
  /** Who the run acts for; handed to the policy and kept on the record. */
  principal?: Principal;
  /** Finds argument values that came from untrusted tool results earlier in the run. */
  taintOf?: (args: JsonValue) => ArgumentTaint[];
  /** Traces each steering argument the tool declares to the trusted sources its value came from (positive provenance). */
  provenanceOf?: (tool: RegisteredTool, args: JsonValue) => ArgumentProvenance[];
  /**
   * Replay of a record whose argument text was redacted: the decoded arguments kept instead. The decode stage then
   * passes with a note rather than decoding.
   */
  decodedArguments?: { [key: string]: JsonValue };
  /** Replay: a validation failure the record cannot settle (it lies in redacted fields); the stage is skipped instead. */
  unverifiable?: (error: ToolError) => string | undefined;
}

/** Adds a verdict to the record, timed from the previous one. */
export type VerdictRecorder = (entry: Omit<Verdict, "durationUs">) => void;

export type Decided =
  /** A stage refused the call; its verdict is on the record, `error` is what the model is told. */
  | { ok: false; stage: GateStage; error: ToolError }
  /** The policy lets it through (`allow`) or wants a person (`require-approval`); nothing was asked or run. */
  | { ok: true; tool: RegisteredTool; value: unknown; decision: PolicyDecision; policyInput: PolicyInput };

export function verdictRecorder(record: CallRecord): VerdictRecorder {
  let stageStarted = performance.now();
  return (entry) => {
    const end = performance.now();
    record.verdicts.push({ ...entry, durationUs: Math.round((end - stageStarted) * 1000) });
    stageStarted = end;
  };
}

/**
 * Fills the record (arguments, tool, digests, principal, taint) and its verdicts stage by stage. The gate runs it
 * before approval and execution; replay runs it alone, so a recorded call is judged by the very same stages.
 */
export async function decideCall(record: CallRecord, options: DecideOptions, verdict: VerdictRecorder = verdictRecorder(record)): Promise<Decided> {
  const refuse = (stage: GateStage, error: ToolError, outcome: Verdict["outcome"] = "fail", extra: Partial<Verdict> = {}): Decided => {
    verdict({ stage, outcome, reason: error.message, ...extra });
    return { ok: false, stage, error };
  };
  if (options.principal) record.principal = structuredClone(options.principal);

  let args: { [key: string]: JsonValue };
  if (options.decodedArguments !== undefined) {
    args = options.decodedArguments;
    verdict({ stage: "decode", outcome: "pass", reason: "the argument text was redacted; decided on the decoded arguments kept in the record" });
  } else {
    const decoded = decodeArguments(record.proposed.arguments, options.decode);
    record.repairs = decoded.repairs;
    if (!decoded.ok) return refuse("decode", decoded.error);
    verdict({
      stage: "decode",
      outcome: "pass",
      ...(decoded.repairs.length > 0 ? { reason: decoded.repairs.map((repair) => repair.description).join("; ") } : {}),
      ...(decoded.floatPaths.length > 0 ? { detail: { floatPaths: decoded.floatPaths } } : {}),
    });
    args = decoded.value;
  }
  record.arguments = args;

  const resolved = resolveTool(record.proposed.name, options.registry);
  if (!resolved.ok) return refuse("resolve", resolved.error);
  const tool = resolved.tool;
  record.toolName = tool.name;
  record.toolDigest = tool.digest;
  record.area = tool.area;
  record.risk = tool.risk;
  record.callDigest = digestOf({ tool: tool.name, arguments: args });
  if (tool.sensitive.length > 0) record.sensitive = [...tool.sensitive];
  verdict({ stage: "resolve", outcome: "pass" });

  const validated = validateArguments(tool, args);
  let value: unknown = args;
  if (validated.ok) {
    value = validated.value;
    verdict({ stage: "validate", outcome: "pass" });
  } else {
    const why = options.unverifiable?.(validated.error);
    if (why === undefined) return refuse("validate", validated.error);
    verdict({ stage: "validate", outcome: "skipped", reason: why });
  }

  const policyInput: PolicyInput = {
    traceId: record.traceId,
    callId: record.id,
    toolName: tool.name,
    ...(tool.providerName !== tool.name ? { providerName: tool.providerName } : {}),
    toolDigest: tool.digest,
    area: tool.area,
    risk: tool.risk,
    arguments: args,
    callDigest: record.callDigest,
    step: record.step,
    ...(options.principal ? { principal: options.principal } : {}),
  };
  const taint = options.taintOf?.(args) ?? [];
  const provenance = options.provenanceOf?.(tool, args);
  // A steering value the user typed (exactly, after its kind's normalisation: `+1 415 555 0199` is `+14155550199`) is
  // theirs even when an untrusted result holds it too, just as taint endorsement does for the literal text.
  for (const entry of taint) {
    if (entry.endorsedByUser) continue;
    if (provenance?.some((proven) => proven.path === entry.path && proven.value === undefined && proven.sources.some((source) => source.origin === "user"))) entry.endorsedByUser = true;
  }
  if (taint.length > 0) record.taint = taint;
  // Values the user also typed stay in the record but are not taint to the policy.
  const attackerReachable = taint.filter((entry) => entry.endorsedByUser !== true);
  if (attackerReachable.length > 0) policyInput.taint = attackerReachable;
  const steeringPaths = Object.keys(tool.steers ?? {});
  policyInput.steersDeclared = steeringPaths.length > 0;
  if (steeringPaths.length > 0) policyInput.steeringPaths = steeringPaths;
  if (provenance) {
    policyInput.provenance = provenance;
    if (provenance.length > 0) record.provenance = provenance;
  }
  const policyResult = await checkPolicy((input) => options.policy.evaluate(input), policyInput);
  const decision = policyResult.decision;
  // Which policy version decided, and whose approval it asks for, belong in the record beside the rule.
  const policyDetail = {
    ...(decision.policyDigest ? { policyDigest: decision.policyDigest } : {}),
    ...(decision.effect === "require-approval" && decision.approverRole ? { approverRole: decision.approverRole } : {}),
  };
  const policyExtra = Object.keys(policyDetail).length > 0 ? { detail: policyDetail } : {};
  if (!policyResult.ok) return refuse("policy", policyResult.error, "deny", { ruleId: decision.ruleId, ...policyExtra });
  verdict({ stage: "policy", outcome: decision.effect === "allow" ? "pass" : "approval-required", reason: decision.reason, ruleId: decision.ruleId, ...policyExtra });
  return { ok: true, tool, value, decision, policyInput };
}
