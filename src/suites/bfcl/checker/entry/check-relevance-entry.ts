// One relevance or irrelevance entry: irrelevance passes when no call decodes, live_relevance when at least one does.
import type { CheckResult } from "../ast/check-result.js";
import { invalid, valid } from "../ast/check-result.js";
import { isDecodeFailure } from "../decode/decode-error.js";
import type { ResultMode } from "../decode/decoded-output.js";
import { decodeAst, isEmptyOutput } from "../decode/decoded-output.js";
import type { PyValue } from "../../../python/py-value.js";

/** A decode error, `[]`, `[{}]` or anything not in call format is "no call"; a call with no arguments is a call. */
export function containsFunctionCall(result: PyValue, mode: ResultMode): boolean {
  try {
    return !isEmptyOutput(decodeAst(result, mode));
  } catch (error) {
    if (isDecodeFailure(error)) return false;
    throw error;
  }
}

export function checkRelevanceEntry(result: PyValue, category: string, mode: ResultMode): CheckResult {
  const called = containsFunctionCall(result, mode);
  if (category.includes("irrelevance")) {
    return called ? invalid("irrelevance_error:decoder_success", "Valid syntax. Successfully decode AST when it should not.") : valid;
  }
  return called ? valid : invalid("relevance_error:decoder_failed", "Invalid syntax. Failed to decode AST when it should have.");
}
