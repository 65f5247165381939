// What went wrong with a call, in the words a reader needs first: the router hid the tool, the model erred, or policy refused.
import type { AuditedCall, AuditedStep } from "../audit/index.js";

export type CallDiagnosis =
  | { kind: "ran"; label: string }
  | { kind: "routing-miss"; label: string }
  | { kind: "model-mistake"; label: string }
  | { kind: "policy-block"; label: string; ruleId?: string }
  | { kind: "awaiting-approval"; label: string; ruleId?: string }
  | { kind: "tool-failed"; label: string }
  | { kind: "unfinished"; label: string };

/**
 * Reads the verdicts in gate order. A name the gate could not resolve is a routing miss when the step's router
 * exposed a subset of tools that did not include it (the model reached for a tool it was not shown), and a model
 * mistake otherwise (a made-up name, malformed or invalid arguments). A policy deny or a refused approval is a
 * policy block, named by its rule.
 */
export function diagnoseCall(call: AuditedCall, step: AuditedStep | undefined): CallDiagnosis {
  for (const { data } of call.verdicts) {
    const outcome = String(data.outcome);
    if ((data.stage === "decode" || data.stage === "resolve" || data.stage === "validate") && outcome === "fail") {
      const name = call.proposed?.data.name;
      const routed = step?.routing?.data;
      if (data.stage === "resolve" && routed?.routing !== undefined && name !== undefined && !routed.exposedTools.includes(name)) {
        return { kind: "routing-miss", label: `routing miss: ${name} was not among the ${routed.exposedTools.length} tools ${routed.routing.router} exposed` };
      }
      return { kind: "model-mistake", label: `model mistake at ${data.stage}: ${data.reason ?? "rejected"}` };
    }
    if (data.stage === "policy" && outcome === "deny") return { kind: "policy-block", label: `policy block by rule ${data.ruleId ?? "(none)"}`, ...(data.ruleId ? { ruleId: data.ruleId } : {}) };
    if (data.stage === "approval" && (outcome === "rejected" || outcome === "denied" || outcome === "deny")) {
      return { kind: "policy-block", label: `refused at approval${data.approver ? ` by ${data.approver}` : ""}`, ...(data.ruleId ? { ruleId: data.ruleId } : {}) };
    }
    if (data.stage === "guard" && (outcome === "deny" || outcome === "fail")) return { kind: "policy-block", label: `output guard: ${data.reason ?? outcome}`, ...(data.ruleId ? { ruleId: data.ruleId } : {}) };
  }
  const last = call.verdicts.at(-1)?.data;
  if (last?.stage === "approval" && (String(last.outcome) === "approval-required" || String(last.outcome) === "pending")) {
    return { kind: "awaiting-approval", label: "waiting for a person's approval", ...(last.ruleId ? { ruleId: last.ruleId } : {}) };
  }
  const executed = call.executed?.data;
  if (executed === undefined) return { kind: "unfinished", label: "no execution recorded" };
  if (executed.status === "succeeded") return { kind: "ran", label: "ran" };
  if (executed.status === "rejected") return { kind: "policy-block", label: "rejected before running" };
  return { kind: "tool-failed", label: `tool ${executed.status}` };
}
