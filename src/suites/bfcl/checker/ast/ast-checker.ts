// BFCL's ast_checker: dispatch by category name to the simple, multiple or greedy parallel checker.
import { BfclCheckerCrash } from "../errors.js";
import { pyRepr, pyStr } from "../../../python/py-repr.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict, pyTypeName } from "../../../python/py-value.js";
import type { CheckResult } from "./check-result.js";
import { invalid } from "./check-result.js";
import type { CheckOptions } from "./simple-function-checker.js";
import { simpleFunctionChecker } from "./simple-function-checker.js";

/**
 * `parallel` in the category name → every expected call matched, in any order; else `multiple` → exactly one
 * call of the expected function; else simple → exactly one call of the first documented function.
 */
export function astChecker(functions: PyValue, modelOutput: PyDict[], possibleAnswer: PyValue, category: string, options: CheckOptions): CheckResult {
  const docs = asList(functions, "function docs");
  const answers = asList(possibleAnswer, "ground truth");
  if (category.includes("parallel")) return parallelFunctionCheckerNoOrder(docs, modelOutput, answers, options);
  if (category.includes("multiple")) return multipleFunctionChecker(docs, modelOutput, answers, options);
  if (modelOutput.length !== 1) return invalid("simple_function_checker:wrong_count", "Wrong number of functions.");
  return simpleFunctionChecker(at(docs, 0), modelOutput[0] as PyDict, at(answers, 0), options);
}

export function multipleFunctionChecker(docs: PyValue[], modelOutput: PyDict[], answers: PyValue[], options: CheckOptions): CheckResult {
  if (modelOutput.length !== answers.length) return invalid("multiple_function_checker:wrong_count", "Wrong number of functions.");
  // Only the first expected call is checked, against the doc of that function.
  const expected = at(answers, 0);
  return simpleFunctionChecker(findDescription(docs, expectedName(expected)), modelOutput[0] as PyDict, expected, options);
}

/**
 * For each expected call in ground-truth order, take the first model call not yet matched that passes the simple
 * check. Greedy first-fit, exactly as BFCL: an early expected call can claim a model call a later one needed, and
 * the answer then fails although a perfect matching exists.
 */
export function parallelFunctionCheckerNoOrder(docs: PyValue[], modelOutput: PyDict[], answers: PyValue[], options: CheckOptions): CheckResult {
  if (modelOutput.length !== answers.length) return invalid("parallel_function_checker_no_order:wrong_count", "Wrong number of functions.");
  const matched = new Set<number>();
  for (let i = 0; i < answers.length; i++) {
    const expected = answers[i] as PyValue;
    const description = findDescription(docs, expectedName(expected));
    const errors: string[] = [];
    let found = false;
    for (let index = 0; index < modelOutput.length; index++) {
      if (matched.has(index)) continue;
      const result = simpleFunctionChecker(description, modelOutput[index] as PyDict, expected, options);
      if (result.valid) {
        matched.add(index);
        found = true;
        break;
      }
      errors.push(`Model Result Index ${index}: ${result.errorType}: ${result.errors.join(" ")}`);
    }
    if (!found) {
      const considered = modelOutput.map((_, index) => index).filter((index) => !matched.has(index));
      return invalid(
        "parallel_function_checker_no_order:cannot_find_match",
        `Could not find a matching function among index ${pyRepr(considered.map(BigInt))} of model output for index ${i} of possible answers.`,
        ...errors,
      );
    }
  }
  return { valid: true };
}

/** find_description: the doc whose name is exactly the expected name (None if absent, which BFCL then crashes on). */
function findDescription(docs: PyValue[], name: string): PyValue {
  const doc = docs.find((candidate) => candidate instanceof PyDict && candidate.get("name") === name);
  if (doc === undefined) throw new BfclCheckerCrash(`no function doc named ${pyRepr(name)}`);
  return doc;
}

function expectedName(expected: PyValue): string {
  if (!(expected instanceof PyDict)) throw new BfclCheckerCrash(`a ground-truth call is a ${pyTypeName(expected)}, not a dict`);
  const name = expected.keys()[0];
  if (name === undefined) throw new BfclCheckerCrash("a ground-truth call is an empty dict");
  return pyStr(name);
}

function asList(value: PyValue, what: string): PyValue[] {
  if (Array.isArray(value)) return value;
  throw new BfclCheckerCrash(`${what} is a ${pyTypeName(value)}, not a list`);
}

function at(list: PyValue[], index: number): PyValue {
  if (index >= list.length) throw new BfclCheckerCrash("IndexError: list index out of range");
  return list[index] as PyValue;
}
