// Wilson score intervals for a proportion: honest near 0% and 100% and for small samples, where the normal interval is not.
export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
export const z95 = 1.959963984540054;

export function wilsonInterval(correct: number, total: number, z = z95): Interval {
  if (total <= 0) return { low: 0, high: 1 };
  if (correct < 0 || correct > total) throw new RangeError(`correct must be between 0 and total, got ${correct}/${total}`);
  const p = correct / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
