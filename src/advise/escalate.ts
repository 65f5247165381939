// "After you've confirmed prompting alone doesn't get you there": when an earlier run of the same suite shows the same
// finding on the same tools and the latest run has not significantly fewer such failures, the first lever has been
// tried and was not enough, so the recommendation moves on to the lever its advice names next.
import { compareProportions } from "../eval/index.js";
import type { Recommendation } from "./advice.js";
import type { RunDiagnosis } from "./diagnose-run.js";
import { leverCost } from "./levers.js";

export function escalatePersistent(latest: RunDiagnosis, earlier: readonly RunDiagnosis[]): Recommendation[] {
  const escalated = latest.recommendations.map((recommendation) => {
    if (recommendation.finding === "healthy") return recommendation;
    const next = latest.nextSteps.get(recommendation.finding);
    if (!next) return recommendation;
    const now = latest.findings.get(recommendation.finding) ?? [];
    const subjects = new Set(now.flatMap((finding) => [...finding.tools, ...finding.params]));
    for (const before of earlier) {
      const then = (before.findings.get(recommendation.finding) ?? []).filter((finding) => [...finding.tools, ...finding.params].some((subject) => subjects.has(subject)));
      if (then.length === 0) continue;
      // Fewer failures of this kind, significantly, means the lever is working: keep pulling it.
      const test = compareProportions({ correct: then.length, total: before.cases }, { correct: now.length, total: latest.cases });
      if (test.significant && test.delta < 0) continue;
      return {
        ...recommendation,
        lever: next.lever,
        action: next.action,
        then: undefined,
        experiment: next.experiment,
        escalation: `the same finding was in ${before.label} (${then.length}/${before.cases} cases) and is still in ${latest.label} (${now.length}/${latest.cases}; p = ${test.pValue.toPrecision(2)}): taking ${before.label} as the run before a ${recommendation.lever} change, that change was not enough`,
      };
    }
    return recommendation;
  }).map(({ then, ...rest }) => (then === undefined ? rest : { ...rest, then }));
  return escalated.sort((a, b) => (a.finding === "healthy" ? -1 : b.finding === "healthy" ? 1 : b.evidence.cases - a.evidence.cases || leverCost[a.lever] - leverCost[b.lever]));
}
