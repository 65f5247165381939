// Compares two runs category by category: each proportion with its 95% Wilson interval, the difference with its test.
import type { ProportionDifference } from "./two-proportion-test.js";
import { compareProportions } from "./two-proportion-test.js";
import type { ComparableRun, Counts } from "./comparable-run.js";
import { overallCategory } from "./comparable-run.js";
import type { Interval } from "./wilson.js";
import { wilsonInterval } from "./wilson.js";

export interface RateWithInterval extends Counts {
  rate: number;
  interval: Interval;
}

interface MetricComparison {
  category: string;
  metric: string;
  a: RateWithInterval;
  b: RateWithInterval;
  difference: ProportionDifference;
}

export interface RunComparison {
  a: { label: string; model?: string };
  b: { label: string; model?: string };
  /** Categories in name order, `overall` last; only category–metric pairs both runs measured. */
  rows: MetricComparison[];
  /** Categories only one side measured, so nobody mistakes a missing category for no change. */
  onlyIn: { a: string[]; b: string[] };
  method: string;
}

const comparisonMethod =
  "95% Wilson score interval per proportion; difference tested with a pooled two-proportion z-test (two-sided, α = 0.05), " +
  "with Newcombe's interval for the difference";

export function compareRuns(a: ComparableRun, b: ComparableRun): RunComparison {
  const rows: MetricComparison[] = [];
  const categories = Object.keys(a.categories)
    .filter((category) => category in b.categories)
    .sort((x, y) => (x === overallCategory ? 1 : y === overallCategory ? -1 : x.localeCompare(y)));
  for (const category of categories) {
    const left = a.categories[category] ?? {};
    const right = b.categories[category] ?? {};
    for (const metric of Object.keys(left)) {
      const countsA = left[metric];
      const countsB = right[metric];
      if (!countsA || !countsB) continue;
      rows.push({ category, metric, a: withInterval(countsA), b: withInterval(countsB), difference: compareProportions(countsA, countsB) });
    }
  }
  return {
    a: { label: a.label, ...(a.model ? { model: a.model } : {}) },
    b: { label: b.label, ...(b.model ? { model: b.model } : {}) },
    rows,
    onlyIn: {
      a: Object.keys(a.categories).filter((category) => !(category in b.categories)),
      b: Object.keys(b.categories).filter((category) => !(category in a.categories)),
    },
    method: comparisonMethod,
  };
}

function withInterval(counts: Counts): RateWithInterval {
  return { ...counts, rate: counts.total > 0 ? counts.correct / counts.total : 0, interval: wilsonInterval(counts.correct, counts.total) };
}
