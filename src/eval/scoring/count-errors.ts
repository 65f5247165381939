// Counts a run's errors by taxonomy code, per category and overall: where a model goes wrong, not only how often.
import type { CaseResult } from "./case-result.js";

export type ErrorCounts = Record<string, number>;

/** Decision errors and argument errors together; an argument error that repeats its call's decision error counts once. */
export function countErrors(results: readonly CaseResult[]): { overall: ErrorCounts; categories: Record<string, ErrorCounts> } {
  const overall: ErrorCounts = {};
  const categories: Record<string, ErrorCounts> = {};
  const add = (category: string, code: string) => {
    overall[code] = (overall[code] ?? 0) + 1;
    const counts = (categories[category] ??= {});
    counts[code] = (counts[code] ?? 0) + 1;
  };
  for (const result of results) {
    const decisionCodes = new Set<string>();
    for (const error of result.decision?.errors ?? []) {
      decisionCodes.add(error.code);
      add(result.category, error.code);
    }
    for (const error of result.arguments?.errors ?? []) if (!decisionCodes.has(error.code)) add(result.category, error.code);
    if (result.effects && !result.effects.correct) add(result.category, "state_mismatch");
    if (result.status === "error") add(result.category, "run_error");
  }
  return { overall, categories };
}
