// Scores arguments with BFCL's possible-answer semantics through a pluggable checker, and files its verdict under the taxonomy.
import type { ExpectedCall, FunctionDoc, FunctionLanguage } from "../cases/index.js";
import type { ArgumentScore } from "./case-result.js";
import type { ArgumentError } from "./taxonomy.js";
import { argumentErrorCode, parameterNamed } from "./taxonomy.js";

export interface ArgumentCheckRequest {
  /** The case being scored: lets a checker use the data the case was built from (BFCL's own possible answers). */
  caseId: string;
  /** Picks BFCL's checker: a name containing `parallel` → order-free matching, `multiple` → one call among several functions, else simple. */
  category: string;
  language: FunctionLanguage;
  /** Function docs in BFCL's dialect (`dict`, `float`, …), with the types the checker converts and compares by. */
  functions: FunctionDoc[];
  /** The model's calls: canonical names and the argument text exactly as the model sent it (so `3.0` stays a float). */
  calls: Array<{ name: string; arguments: string }>;
  expected: ExpectedCall[];
}

/** A checker's verdict in BFCL's own terms. */
export interface ArgumentCheckVerdict {
  valid: boolean;
  /** e.g. `simple_function_checker:missing_required`, `type_error:nested`. */
  errorType?: string;
  errors: string[];
  /** Per-call findings a checker can add (e.g. why a parallel call found no match). */
  details?: Array<{ function?: string; param?: string; errorType: string; message: string }>;
}

export type ArgumentChecker = (request: ArgumentCheckRequest) => ArgumentCheckVerdict;

export function scoreArguments(request: ArgumentCheckRequest, checker: ArgumentChecker): ArgumentScore {
  const verdict = checker(request);
  if (verdict.valid) return { correct: true, errors: [] };
  const counts = { expected: request.expected.length, actual: request.calls.length };
  const errors: ArgumentError[] = [];
  for (const detail of verdict.details ?? []) {
    errors.push({
      code: argumentErrorCode(detail.errorType, counts),
      ...(detail.function ? { function: detail.function } : {}),
      ...((detail.param ?? parameterNamed(detail.message)) ? { param: detail.param ?? parameterNamed(detail.message) } : {}),
      message: detail.message,
      source: detail.errorType,
    });
  }
  if (errors.length === 0) {
    const message = verdict.errors.join("; ") || "the checker rejected the call";
    const param = parameterNamed(message);
    const only = request.calls.length === 1 ? request.calls[0]?.name : undefined;
    errors.push({
      code: argumentErrorCode(verdict.errorType ?? "", counts),
      ...(only ? { function: only } : {}),
      ...(param ? { param } : {}),
      message,
      ...(verdict.errorType ? { source: verdict.errorType } : {}),
    });
  }
  return { correct: false, errors };
}

/**
 * The checker category for a case: its own when it names BFCL's kind, else parallel for several expected calls, and
 * for one expected call multiple when several tools are offered. BFCL's simple checker compares the call with the
 * *first* function document only, so a case of a team's own ("billing", three tools) checked as simple would fail
 * every right call to its second or third tool.
 */
export function checkerCategory(category: string | undefined, expectedCount: number, toolCount = 1): string {
  if (category && /parallel|multiple|simple/.test(category)) return category;
  if (expectedCount > 1) return "parallel";
  return toolCount > 1 ? "multiple" : "simple";
}
