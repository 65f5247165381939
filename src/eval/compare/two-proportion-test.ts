// The significance of a difference between two proportions: a pooled two-proportion z-test, and Newcombe's interval for the difference.
import type { Interval } from "./wilson.js";
import { wilsonInterval, z95 } from "./wilson.js";

export interface ProportionDifference {
  /** b − a. */
  delta: number;
  z: number;
  /** Two-sided. */
  pValue: number;
  significant: boolean;
  /** Newcombe's hybrid score interval for b − a (built from the two Wilson intervals). */
  interval: Interval;
}

/**
 * Why this test: the reports being compared may carry only counts per category (BFCL score summaries do), and the
 * pooled z-test needs nothing more. Both runs usually answer the same cases, so the samples are paired; treating them
 * as independent overstates the variance of the difference, which makes the test conservative — it may miss a small
 * real change but does not invent one. Non-overlapping Wilson intervals would be more conservative still (roughly
 * α ≈ 0.005 instead of 0.05), so the z-test is the better of the two.
 */
export function compareProportions(a: { correct: number; total: number }, b: { correct: number; total: number }, alpha = 0.05): ProportionDifference {
  const pa = a.total > 0 ? a.correct / a.total : 0;
  const pb = b.total > 0 ? b.correct / b.total : 0;
  const delta = pb - pa;
  const interval = newcombeInterval(a, b);
  if (a.total === 0 || b.total === 0) return { delta, z: 0, pValue: 1, significant: false, interval };
  const pooled = (a.correct + b.correct) / (a.total + b.total);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.total + 1 / b.total));
  // Both at 0% or both at 100%: no variance, no evidence of a difference.
  if (standardError === 0) return { delta, z: 0, pValue: 1, significant: false, interval };
  const z = delta / standardError;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { delta, z, pValue, significant: pValue < alpha, interval };
}

/** Newcombe (1998), method 10: the difference's interval from each proportion's Wilson interval. */
export function newcombeInterval(a: { correct: number; total: number }, b: { correct: number; total: number }): Interval {
  const pa = a.total > 0 ? a.correct / a.total : 0;
  const pb = b.total > 0 ? b.correct / b.total : 0;
  const wa = wilsonInterval(a.correct, a.total, z95);
  const wb = wilsonInterval(b.correct, b.total, z95);
  const delta = pb - pa;
  return {
    low: delta - Math.sqrt((pb - wb.low) ** 2 + (wa.high - pa) ** 2),
    high: delta + Math.sqrt((wb.high - pb) ** 2 + (pa - wa.low) ** 2),
  };
}

/** The standard normal CDF through erf (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7). */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const polynomial = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign * (1 - polynomial * Math.exp(-x * x));
}
