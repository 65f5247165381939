// The summary object `toolgate eval score --json` prints ({categories, groups}), built from a BFCL score report.
import type { BfclScoreReport } from "../checker/index.js";

export interface BfclScoreSummary {
  categories: Record<string, { accuracy: number; correct: number; total: number; failed: Array<{ id: string; error_type: string }> }>;
  groups: BfclScoreReport["groups"];
}

/** The same shape and key order as `eval score --json`, so tools reading one read the other. */
export function bfclScoreSummary(report: BfclScoreReport): BfclScoreSummary {
  const categories = Object.fromEntries(
    Object.entries(report.categories).map(([category, scored]) => [
      category,
      { accuracy: scored.accuracy, correct: scored.correct, total: scored.total, failed: scored.failed.map(({ id, error_type }) => ({ id, error_type })) },
    ]),
  );
  return { categories, groups: report.groups };
}
