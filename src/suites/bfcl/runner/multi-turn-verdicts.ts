// BFCL's verdicts on multi-turn entries, carried into their case results: one entry at a time for progress, then the whole run's.
import type { BfclLine, BfclScoreReport } from "../checker/index.js";
import { checkMultiTurnEntry } from "../checker/multi-turn/index.js";
import type { CaseResult } from "../../../eval/index.js";
import type { MultiTurnResultLine } from "./multi-turn-result-file.js";

export interface MultiTurnJudgement {
  valid: boolean;
  errorType?: string;
  message?: string;
}

/**
 * The checker's verdict on one entry alone (its own reference runtime). It can differ from the run's scoring only
 * where the reference lets one entry leak into the next (a shared `post_tweet` default), so it serves progress
 * counts; {@link applyBfclVerdicts} has the last word.
 */
export function judgeMultiTurnEntry(line: MultiTurnResultLine, question: BfclLine, answer: BfclLine): MultiTurnJudgement {
  const category = question.id.slice(0, question.id.lastIndexOf("_"));
  const verdict = checkMultiTurnEntry({
    id: question.id,
    category,
    // The raw line: the initial config's `10.0` must stay a float.
    question: question.text,
    possibleAnswer: (JSON.parse(answer.text) as { ground_truth: unknown }).ground_truth,
    modelResult: line.result,
  });
  return { valid: verdict.valid, ...(verdict.errorType ? { errorType: verdict.errorType } : {}), ...(verdict.message ? { message: verdict.message } : {}) };
}

/** A measured entry with a verdict: passed, or failed with BFCL's error type as the reason. Errors stay errors. */
export function withJudgement(result: CaseResult, judgement: MultiTurnJudgement): CaseResult {
  if (result.status === "error") return result;
  const reason = `${judgement.errorType ?? "multi_turn:failed"}${judgement.message ? `: ${judgement.message}` : ""}`;
  return {
    ...result,
    status: judgement.valid ? "passed" : "failed",
    effects: { correct: judgement.valid, changes: [] },
    reasons: judgement.valid ? [] : [reason],
  };
}

/** Every multi-turn result judged as the run's BFCL score judged it, so per-case verdicts and the BFCL summary agree. */
export function applyBfclVerdicts(results: readonly CaseResult[], score: BfclScoreReport): CaseResult[] {
  return results.map((result) => {
    if (result.status === "error") return result;
    const category = score.categories[result.category];
    if (!category) {
      const reason = score.notScored[result.category] ?? "BFCL scoring skipped this category";
      return { ...result, status: "error", error: reason, reasons: [`error: ${reason}`] };
    }
    const failed = category.failed.find((entry) => entry.id === result.id);
    return withJudgement(result, failed ? { valid: false, errorType: failed.error_type, ...(failed.message ? { message: failed.message } : {}) } : { valid: true });
  });
}
