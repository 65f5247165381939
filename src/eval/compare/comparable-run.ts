// What two runs are compared on: counts per category and metric, read from an eval report or a BFCL score summary.
import { isEvalReport } from "../report/index.js";
import type { MetricSummary, Proportion } from "../scoring/index.js";
import { metricNames } from "../scoring/index.js";

export type Counts = Pick<Proportion, "correct" | "total">;

export interface ComparableRun {
  label: string;
  model?: string;
  /** category → metric → counts; `overall` holds the whole run. */
  categories: Record<string, Record<string, Counts>>;
}

export const overallCategory = "overall";

export class ComparisonInputError extends Error {
  override readonly name = "ComparisonInputError";
}

/**
 * Accepts the JSON `toolgate eval run --json` prints (metrics decision, arguments, effects, passed, plus BFCL's
 * `accuracy` when the run wrote BFCL results) and the summary `toolgate eval score --json` prints (`accuracy`).
 */
export function toComparableRun(value: unknown, label: string): ComparableRun {
  if (isEvalReport(value)) {
    const categories: ComparableRun["categories"] = {};
    for (const [category, metrics] of Object.entries(value.summary.categories)) categories[category] = countsOf(metrics);
    categories[overallCategory] = countsOf(value.summary.overall);
    if (value.bfcl !== undefined) mergeBfcl(categories, value.bfcl);
    return { label, model: value.model, categories };
  }
  const categories: ComparableRun["categories"] = {};
  if (mergeBfcl(categories, value)) return { label, categories };
  throw new ComparisonInputError(
    `${label}: not an evaluation report; pass the JSON printed by \`toolgate eval run --json\` (or its --out report.json) or by \`toolgate eval score --json\``,
  );
}

function countsOf(metrics: MetricSummary): Record<string, Counts> {
  const counts: Record<string, Counts> = {};
  for (const name of metricNames) if (metrics[name].total > 0) counts[name] = { correct: metrics[name].correct, total: metrics[name].total };
  return counts;
}

/** Adds `accuracy` per category from a BFCL score summary (`{ categories: { <cat>: { correct, total } } }`); false if it is not one. */
function mergeBfcl(categories: ComparableRun["categories"], value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.categories)) return false;
  let found = false;
  let correct = 0;
  let total = 0;
  for (const [category, entry] of Object.entries(value.categories)) {
    if (!isRecord(entry) || typeof entry.correct !== "number" || typeof entry.total !== "number") continue;
    found = true;
    (categories[category] ??= {}).accuracy = { correct: entry.correct, total: entry.total };
    correct += entry.correct;
    total += entry.total;
  }
  // Entry-weighted over the categories scored; BFCL's leaderboard groups weigh differently and stay in the summary itself.
  if (found) (categories[overallCategory] ??= {}).accuracy = { correct, total };
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
