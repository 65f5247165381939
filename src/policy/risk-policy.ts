// A policy by declared risk alone, no rule file: privileged calls ask a person. Not the CLI default (engine/default-policy.ts is; it keeps these rule ids).
import type { RiskLevel } from "../record/index.js";
import type { Policy } from "./types.js";

export interface RiskPolicyOptions {
  /** Risks that need a person's approval. Default: privileged. */
  approve?: RiskLevel[];
  /** Risks refused outright. Default: none. */
  deny?: RiskLevel[];
}

export function riskPolicy(options: RiskPolicyOptions = {}): Policy {
  const approve = new Set(options.approve ?? ["privileged"]);
  const deny = new Set(options.deny ?? []);
  return {
    evaluate(input) {
      if (deny.has(input.risk)) return { effect: "deny", reason: `${input.risk} tools are disabled`, ruleId: `risk:deny-${input.risk}` };
      if (approve.has(input.risk)) return { effect: "require-approval", reason: `${input.toolName} is a ${input.risk} tool`, ruleId: `risk:approve-${input.risk}` };
      return { effect: "allow", ruleId: `risk:allow-${input.risk}` };
    },
  };
}
