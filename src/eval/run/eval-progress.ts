// Progress of an eval run: counts of finished, cached, passed, failed and errored cases, reported after each one.
import type { CaseResult } from "../scoring/index.js";

export interface EvalProgress {
  done: number;
  total: number;
  /** Of `done`, answered from the cache. */
  cached: number;
  passed: number;
  failed: number;
  errors: number;
  /** The case that just finished. */
  last?: CaseResult;
}

/** `finish(result, fromCache)` counts one finished case and reports a snapshot to `onProgress`; `progress` holds the counts. */
export function progressCounter(total: number, onProgress?: (progress: EvalProgress) => void): { progress: Readonly<EvalProgress>; finish(result: CaseResult, fromCache: boolean): void } {
  const progress: EvalProgress = { done: 0, total, cached: 0, passed: 0, failed: 0, errors: 0 };
  return {
    progress,
    finish(result, fromCache) {
      progress.done += 1;
      if (fromCache) progress.cached += 1;
      if (result.status === "passed") progress.passed += 1;
      else if (result.status === "failed") progress.failed += 1;
      else progress.errors += 1;
      onProgress?.({ ...progress, last: result });
    },
  };
}
