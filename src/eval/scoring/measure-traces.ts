// What every eval runner measures of a case's runs: steps, latency, tokens, gate interventions and each run's first response.
import type { Trace } from "../../record/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import type { CaseResult, ScoredResponse } from "./case-result.js";
import { gateStats } from "./gate-stats.js";

/** Adds the traces' totals to `base`; the first response of each run is what gets scored, with names resolved to the tools' own. */
export function measureTraces(base: CaseResult, traces: readonly Trace[], registry: Pick<ToolRegistry, "get">): CaseResult {
  const responses: ScoredResponse[] = [];
  const result: CaseResult = { ...base, tokens: { ...base.tokens }, gate: gateStats(traces.flatMap((trace) => trace.calls)), responses };
  for (const trace of traces) {
    result.steps += trace.steps.length;
    result.latencyMs += trace.durationMs;
    result.modelLatencyMs += trace.steps.reduce((sum, step) => sum + step.modelLatencyMs, 0);
    result.tokens.input += trace.usage.inputTokens;
    result.tokens.output += trace.usage.outputTokens;
    const first = trace.steps[0];
    if (!first) continue;
    responses.push({
      text: first.text,
      calls: first.proposedCalls.map((call) => ({ name: registry.get(call.name)?.name ?? call.name, arguments: call.arguments })),
      inputTokens: first.usage.inputTokens,
      outputTokens: first.usage.outputTokens,
      latencyMs: first.modelLatencyMs,
      exposedTools: first.exposedTools.map((name) => registry.get(name)?.name ?? name),
    });
  }
  return result;
}
