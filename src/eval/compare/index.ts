// Public surface of run comparison: Wilson intervals, the two-proportion test, per-category deltas and CI thresholds.
export { wilsonInterval } from "./wilson.js";
export type { Interval } from "./wilson.js";
export { compareProportions } from "./two-proportion-test.js";
export { ComparisonInputError, overallCategory, toComparableRun } from "./comparable-run.js";
export type { ComparableRun } from "./comparable-run.js";
export { compareRuns } from "./compare-runs.js";
export type { RunComparison } from "./compare-runs.js";
export { formatComparison } from "./format-comparison.js";
export { checkThresholds, formatThresholdMiss, parseThreshold, ThresholdError } from "./thresholds.js";
export type { Threshold, ThresholdMiss } from "./thresholds.js";
