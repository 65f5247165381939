// Does the model choose worse when it is shown more tools? Splits the cases at every catalogue size seen and keeps the
// split where the difference in wrong choices is largest and significant: "fails only beyond 15 tools" shows as a
// threshold of 15, and then routing (fewer tools per step) is the lever, not the tools' descriptions.
import { compareProportions } from "../eval/index.js";

export interface SizedOutcome {
  /** Tools the model was shown. */
  exposed: number;
  /** Whether it chose wrongly (a wrong, missing or extra function, with the right one in view). */
  wrong: boolean;
}

export interface Crowding {
  /** Choices go wrong more often above this many tools. */
  threshold: number;
  small: { wrong: number; total: number };
  large: { wrong: number; total: number };
  pValue: number;
}

/** Smallest groups worth a test, and the least difference in error rate that makes crowding the story. */
const minimumGroup = 4;
const minimumDifference = 0.25;

export function detectCrowding(outcomes: readonly SizedOutcome[]): Crowding | undefined {
  const sizes = [...new Set(outcomes.map((outcome) => outcome.exposed))].sort((a, b) => a - b);
  let best: Crowding | undefined;
  let bestZ = 0;
  for (const threshold of sizes.slice(0, -1)) {
    const small = tally(outcomes.filter((outcome) => outcome.exposed <= threshold));
    const large = tally(outcomes.filter((outcome) => outcome.exposed > threshold));
    if (small.total < minimumGroup || large.total < minimumGroup) continue;
    const difference = large.wrong / large.total - small.wrong / small.total;
    if (difference < minimumDifference) continue;
    // compareProportions measures b − a on "correct"; wrong choices are the correct-counts here, so z > 0 means worse when large.
    const test = compareProportions({ correct: small.wrong, total: small.total }, { correct: large.wrong, total: large.total });
    if (!test.significant || test.z <= bestZ) continue;
    bestZ = test.z;
    best = { threshold, small, large, pValue: test.pValue };
  }
  return best;
}

function tally(outcomes: readonly SizedOutcome[]): { wrong: number; total: number } {
  return { wrong: outcomes.filter((outcome) => outcome.wrong).length, total: outcomes.length };
}
