// Scores the decision: did the model call the expected functions (as a multiset), or rightly call none?
import type { DecisionError } from "./taxonomy.js";

export interface DecisionScore {
  correct: boolean;
  expected: string[];
  actual: string[];
  errors: DecisionError[];
}

/** For a case where any call will do (BFCL's live_relevance): right iff at least one call was made. */
export function scoreAnyCall(actual: readonly string[]): DecisionScore {
  return actual.length > 0
    ? { correct: true, expected: [], actual: [...actual], errors: [] }
    : { correct: false, expected: [], actual: [], errors: [{ code: "missing_call" }] };
}

/** `expected` is empty for a no-call case; names are canonical tool names. */
export function scoreDecision(expected: readonly string[], actual: readonly string[]): DecisionScore {
  const errors: DecisionError[] = [];
  if (expected.length === 0) {
    for (const name of actual) errors.push({ code: "unexpected_call", actual: name });
    return { correct: errors.length === 0, expected: [...expected], actual: [...actual], errors };
  }
  const unmatchedActual = [...actual];
  const unmatchedExpected: string[] = [];
  for (const name of expected) {
    const at = unmatchedActual.indexOf(name);
    if (at >= 0) unmatchedActual.splice(at, 1);
    else unmatchedExpected.push(name);
  }
  // Pair leftovers in order: a call where one was expected is a wrong choice; the rest are missing or extra.
  while (unmatchedExpected.length > 0 && unmatchedActual.length > 0) {
    errors.push({ code: "wrong_function", expected: unmatchedExpected.shift() as string, actual: unmatchedActual.shift() as string });
  }
  for (const name of unmatchedExpected) errors.push({ code: "missing_call", expected: name });
  for (const name of unmatchedActual) errors.push({ code: "extra_call", actual: name });
  return { correct: errors.length === 0, expected: [...expected], actual: [...actual], errors };
}
