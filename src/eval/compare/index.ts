// Public surface of run comparison: Wilson intervals, the two-proportion test, per-category deltas and CI thresholds.
export { wilsonInterval, z95 } from "./wilson.js";
export type { Interval } from "./wilson.js";
export { compareProportions, newcombeInterval, normalCdf } from "./two-proportion-test.js";
export type { ProportionDifference } from "./two-proportion-test.js";
export { ComparisonInputError, overallCategory, toComparableRun } from "./comparable-run.js";
export type { ComparableRun, Counts } from "./comparable-run.js";
export { compareRuns, comparisonMethod } from "./compare-runs.js";
export type { MetricComparison, RateWithInterval, RunComparison } from "./compare-runs.js";
export { formatComparison } from "./format-comparison.js";
export { checkThresholds, formatThresholdMiss, parseThreshold, ThresholdError } from "./thresholds.js";
export type { Threshold, ThresholdMiss } from "./thresholds.js";
