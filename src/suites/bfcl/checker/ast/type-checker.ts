// BFCL's type_checker: exact Python types, one nested level for arrays, and the "answer is a variable name" escape.
import { pyRepr } from "../../../python/py-repr.js";
import type { PyValue } from "../../../python/py-value.js";
import { pyTypeName } from "../../../python/py-value.js";
import type { ExpectedType } from "./type-mappings.js";

export interface TypeCheckResult {
  valid: boolean;
  /** The answer's candidates have another type than the doc: the value is a variable name and only membership is checked. */
  isVariable: boolean;
  errorType: string;
  errors: string[];
}

/** The type of the first candidate that is not `""` (the optional marker), or undefined. */
export function possibleAnswerType(candidates: readonly PyValue[]): string | undefined {
  for (const candidate of candidates) if (candidate !== "") return pyTypeName(candidate);
  return undefined;
}

export function typeChecker(
  param: string,
  value: PyValue,
  candidates: readonly PyValue[],
  expectedTypeDescription: string,
  expectedType: ExpectedType,
  nestedType: ExpectedType | null,
): TypeCheckResult {
  const result: TypeCheckResult = { valid: true, isVariable: false, errorType: "type_error:simple", errors: [] };
  const answerType = possibleAnswerType(candidates);
  const isVariable = answerType !== undefined && answerType !== expectedType;

  if (pyTypeName(value) === expectedType) {
    if (nestedType === null) {
      result.isVariable = isVariable;
      return result;
    }
    for (const candidate of candidates) {
      // A candidate that is not a list (such as the `""` optional marker) passes the nested check outright.
      let allItemsMatch = true;
      if (Array.isArray(candidate)) {
        for (const item of value as PyValue[]) {
          if (!typeChecker(param, item, candidate, `<class '${nestedType}'>`, nestedType, null).valid) {
            allItemsMatch = false;
            break;
          }
        }
      }
      if (allItemsMatch) return { valid: true, isVariable, errorType: "type_error:simple", errors: [] };
    }
    result.valid = false;
    result.errors = [
      `Nested type checking failed for parameter ${pyRepr(param)}. Expected outer type ${expectedTypeDescription} with inner type <class '${nestedType}'>. Parameter value: ${pyRepr(value)}.`,
    ];
    result.errorType = "type_error:nested";
  }

  // A failed nested check falls through here on purpose, as in BFCL: it returns still invalid, marked as a variable.
  if (answerType !== undefined && pyTypeName(value) === answerType) {
    result.isVariable = true;
    return result;
  }
  result.valid = false;
  result.errors.push(
    `Incorrect type for parameter ${pyRepr(param)}. Expected type ${expectedTypeDescription}, got ${pyTypeName(value)}. Parameter value: ${pyRepr(value)}.`,
  );
  result.errorType = "type_error:simple";
  return result;
}
