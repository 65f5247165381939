// One rate limit or budget (calls, cost or tokens per window, per principal, tenant or everyone) and how a call is checked against it.
import { canonicalJson } from "../../record/index.js";
import type { RiskLevel } from "../../record/index.js";
import type { PolicyDecision, PolicyInput } from "../types.js";
import type { CounterStore } from "./counter-store.js";
import { formatDuration } from "./duration.js";

export type LimitMeasure = "calls" | "cost" | "tokens";
export type LimitScope = "principal" | "tenant" | "global";

export interface Limit {
  /** Names the limit in denials, counters and metrics. */
  id: string;
  max: number;
  windowMs: number;
  per: LimitScope;
  measure: LimitMeasure;
  /** What one call uses. Default: 1 call; `cost` per call for cost; for tokens, about a token per 4 characters of the arguments. */
  amount?: (input: PolicyInput) => number;
  /** Only calls of tools with these risks count (and can be refused). Default: every call. */
  risks?: readonly RiskLevel[];
}

/** Denial when the call would exceed the limit (naming it and when it resets); undefined when it fits and was counted. */
export async function checkLimit(limit: Limit, input: PolicyInput, store: CounterStore, now: Date): Promise<Extract<PolicyDecision, { effect: "deny" }> | undefined> {
  if (limit.risks !== undefined && !limit.risks.includes(input.risk)) return undefined;
  const nowMs = now.getTime();
  const windowStartMs = Math.floor(nowMs / limit.windowMs) * limit.windowMs;
  const subject = subjectOf(limit.per, input);
  const amount = limit.amount ? limit.amount(input) : limit.measure === "tokens" ? Math.ceil(canonicalJson(input.arguments).length / 4) : 1;
  const result = await store.take({ key: `${limit.id}|${limit.per}:${subject}`, amount, max: limit.max, windowStartMs });
  if (result.allowed) return undefined;
  const resetsAt = new Date(windowStartMs + limit.windowMs).toISOString();
  const unit = limit.measure === "calls" ? "calls" : limit.measure;
  return {
    effect: "deny",
    ruleId: limit.id,
    reason: `limit ${limit.id} reached: ${result.used} of ${limit.max} ${unit} per ${formatDuration(limit.windowMs)} used by ${limit.per} ${subject}; resets at ${resetsAt}`,
  };
}

function subjectOf(per: LimitScope, input: PolicyInput): string {
  if (per === "global") return "*";
  if (per === "tenant") return input.principal?.tenant ?? "(no tenant)";
  return input.principal?.id ?? "(anonymous)";
}
