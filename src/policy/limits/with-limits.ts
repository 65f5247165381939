// Wraps any policy with rate limits and budgets: a call the policy would allow or send for approval is first counted against each limit.
import type { Policy, PolicyDecision } from "../types.js";
import type { CounterStore } from "./counter-store.js";
import { memoryCounterStore } from "./counter-store.js";
import type { Limit } from "./limit.js";
import { checkLimit } from "./limit.js";

export interface WithLimitsOptions {
  limits: Limit[];
  /** Default: in memory (forgotten on restart); use sqliteCounterStore(file) to keep counts across restarts. */
  counters?: CounterStore;
  clock: () => Date;
}

/**
 * Step and recursion caps are not limits here: the agent loop's `maxSteps` bounds model calls per run.
 * Denied calls are not counted, so a refused call never uses up a principal's budget.
 */
export function withLimits(policy: Policy, options: WithLimitsOptions): Policy {
  const counters = options.counters ?? memoryCounterStore();
  const limited = (inner: Policy): Policy => ({
    async evaluate(input): Promise<PolicyDecision> {
      const decision = await inner.evaluate(input);
      if (decision.effect === "deny") return decision;
      const now = options.clock();
      for (const limit of options.limits) {
        const denied = await checkLimit(limit, input, counters, now);
        if (denied) return decision.policyDigest ? { ...denied, policyDigest: decision.policyDigest } : denied;
      }
      return decision;
    },
    // Keep the wrapped policy's run-long snapshot, still behind the same counters.
    snapshot: () => (inner.snapshot ? limited(inner.snapshot()) : limited(inner)),
  });
  return limited(policy);
}
