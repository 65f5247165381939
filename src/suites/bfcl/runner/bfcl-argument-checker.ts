// The argument checker evaluations use: BFCL's own AST checker (suites/bfcl/checker), fed the model's raw FC output.
import type { PyValue } from "../checker/index.js";
import { BfclCheckerCrash, checkAstEntry, checkerCrashErrorType, parsePyJson } from "../checker/index.js";
import type { ArgumentChecker, ArgumentCheckRequest, ArgumentCheckVerdict } from "../../../eval/index.js";

/** What a BFCL entry was built from, kept as BFCL decoded it (so `5.0` in a possible answer stays a float). */
export interface BfclEntrySource {
  functions: PyValue;
  groundTruth: PyValue;
}

/**
 * Checks a case's scored calls exactly as `toolgate eval score` checks a BFCL result entry: the calls become BFCL's FC
 * result (`[{name: "<raw JSON args>"}]`), are decoded keeping ints and floats apart, and go through the AST checker.
 * `sources` gives, per case id, the question's function docs and possible answer as BFCL's files hold them; other
 * cases are checked against their own docs and expected calls.
 */
export function bfclArgumentChecker(sources: ReadonlyMap<string, BfclEntrySource> = new Map()): ArgumentChecker {
  return (request: ArgumentCheckRequest) => {
    const source = sources.get(request.caseId);
    const result = toPy(request.calls.map((call) => ({ [call.name]: call.arguments })));
    try {
      const verdict = checkAstEntry({
        result,
        functions: source?.functions ?? toPy(request.functions),
        groundTruth: source?.groundTruth ?? toPy(request.expected),
        category: request.category,
        language: request.language,
        mode: "fc",
        underscoreToDot: false,
      });
      if (verdict.valid) return { valid: true, errors: [] };
      const details = unmatchedCallDetails(verdict.errorType, verdict.errors, request);
      return { valid: false, errorType: verdict.errorType, errors: verdict.errors, ...(details.length > 0 ? { details } : {}) };
    } catch (error) {
      // BFCL itself would stop on these; one malformed case must not stop a whole evaluation.
      if (error instanceof BfclCheckerCrash) return { valid: false, errorType: checkerCrashErrorType, errors: [error.message] };
      throw error;
    }
  };
}

/** Plain JSON into BFCL's Python values; whole numbers become ints, as JSON gives no other way to tell. */
function toPy(value: unknown): PyValue {
  return parsePyJson(JSON.stringify(value));
}

/**
 * BFCL's parallel checker reports "no match" and, per model call it tried, why that call failed. Those reasons name
 * the parameter; calls to another function are left out when a call to the right one was tried.
 */
function unmatchedCallDetails(errorType: string, errors: readonly string[], request: ArgumentCheckRequest): NonNullable<ArgumentCheckVerdict["details"]> {
  if (!errorType.endsWith("cannot_find_match")) return [];
  const tried = errors.flatMap((line) => {
    const match = /^Model Result Index (\d+): (\S+): ([\s\S]*)$/.exec(line);
    if (!match) return [];
    const call = request.calls[Number(match[1])];
    return [{ ...(call ? { function: call.name } : {}), errorType: match[2] as string, message: (match[3] as string).trim() }];
  });
  const sameFunction = tried.filter((detail) => !detail.errorType.endsWith("wrong_func_name"));
  return sameFunction.length > 0 ? sameFunction : tried;
}
