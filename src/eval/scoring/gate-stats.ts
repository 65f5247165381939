// What the gate did to a case's calls: how many ran, and which stage refused the others (policy blocks counted apart).
import type { CallRecord, GateStage } from "../../record/index.js";

export interface GateStats {
  calls: number;
  succeeded: number;
  /** Ran and failed (the tool threw, timed out or returned bad output). */
  failed: number;
  /** Refused before running, by the stage that refused. */
  rejected: Partial<Record<GateStage, number>>;
  /** Refused by the policy or denied approval: the governance interventions. */
  policyBlocks: number;
  /** Calls whose argument text the decoder had to repair before it parsed. */
  repaired: number;
}

export function emptyGateStats(): GateStats {
  return { calls: 0, succeeded: 0, failed: 0, rejected: {}, policyBlocks: 0, repaired: 0 };
}

export function gateStats(calls: readonly CallRecord[]): GateStats {
  const stats = emptyGateStats();
  for (const call of calls) {
    stats.calls += 1;
    if (call.repairs.length > 0) stats.repaired += 1;
    if (call.status === "succeeded") stats.succeeded += 1;
    else if (call.status === "failed") stats.failed += 1;
    else {
      const stage = call.verdicts.at(-1)?.stage ?? "decode";
      stats.rejected[stage] = (stats.rejected[stage] ?? 0) + 1;
      if (stage === "policy" || stage === "approval") stats.policyBlocks += 1;
    }
  }
  return stats;
}

export function addGateStats(a: GateStats, b: GateStats): GateStats {
  const rejected = { ...a.rejected };
  for (const [stage, count] of Object.entries(b.rejected) as Array<[GateStage, number]>) rejected[stage] = (rejected[stage] ?? 0) + count;
  return {
    calls: a.calls + b.calls,
    succeeded: a.succeeded + b.succeeded,
    failed: a.failed + b.failed,
    rejected,
    policyBlocks: a.policyBlocks + b.policyBlocks,
    repaired: a.repaired + b.repaired,
  };
}

export function rejectedCount(stats: GateStats): number {
  return Object.values(stats.rejected).reduce((sum, count) => sum + (count ?? 0), 0);
}
