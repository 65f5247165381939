// BFCL's value comparisons: standardised strings, order-sensitive lists, one-level dicts and lists of dicts.
import { BfclCheckerCrash } from "../errors.js";
import { pyRepr, pyStr } from "../../../python/py-repr.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict, pyEquals, pyIn, pyTypeName } from "../../../python/py-value.js";
import { standardizeAstString } from "../standardize.js";
import type { CheckResult } from "./check-result.js";
import { invalid, valid } from "./check-result.js";

const standardized = (value: PyValue): PyValue => (typeof value === "string" ? standardizeAstString(value) : value);

/** The value, standardised, must equal a standardised string candidate (non-string candidates never match). */
export function stringChecker(param: string, value: string, candidates: readonly PyValue[]): CheckResult {
  const wanted = candidates.filter((candidate): candidate is string => typeof candidate === "string").map(standardizeAstString);
  if (wanted.includes(standardizeAstString(value))) return valid;
  return invalid(
    "value_error:string",
    `Invalid value for parameter ${pyRepr(param)}: ${pyRepr(value)}. Expected one of ${pyRepr([...candidates])}. Case insensitive.`,
  );
}

/** The list must equal one candidate exactly and in order, top-level strings standardised on both sides. */
export function listChecker(param: string, value: readonly PyValue[], candidates: readonly PyValue[]): CheckResult {
  const model = value.map(standardized);
  const wanted = candidates.map((candidate) => sequenceOf(candidate).map(standardized));
  if (wanted.some((candidate) => pyEquals(model, candidate))) return valid;
  return invalid("value_error:list/tuple", `Invalid value for parameter ${pyRepr(param)}: ${pyRepr([...value])}. Expected one of ${pyRepr([...candidates])}.`);
}

/**
 * Each model key must be a candidate key with a matching (standardised) value; candidate keys the model left out
 * must allow `""`. One level only, as BFCL. Errors collect within one candidate, so the last reason wins the type.
 */
export function dictChecker(_param: string, value: PyValue, candidates: readonly PyValue[]): CheckResult {
  let result: CheckResult = invalid("dict_checker:unclear");
  for (const candidate of candidates) {
    if (candidate === "") continue;
    if (!(value instanceof PyDict)) throw new BfclCheckerCrash(`'${pyTypeName(value)}' object has no attribute 'items'`);
    const answer = dictOf(candidate);
    const errors: string[] = [];
    let errorType = "dict_checker:unclear";
    let matches = true;
    for (const [key, item] of value.entries()) {
      if (!answer.has(key)) {
        errors.push(`Unexpected dict key parameter: '${pyStr(key)}'.`);
        errorType = "value_error:dict_key";
        matches = false;
        break;
      }
      const allowed = sequenceOf(answer.get(key) as PyValue).map(standardized);
      if (!pyIn(standardized(item), allowed)) {
        errors.push(`Invalid value for parameter ${pyRepr(key)}: ${pyRepr(item)}. Expected one of ${pyRepr(allowed)}.`);
        errorType = "value_error:dict_value";
        matches = false;
        break;
      }
    }
    for (const [key, allowed] of answer.entries()) {
      if (!value.has(key) && !pyIn("", sequenceOf(allowed))) {
        errors.push(`Missing dict key parameter: '${pyStr(key)}'.`);
        errorType = "value_error:dict_key";
        matches = false;
        break;
      }
    }
    if (matches) return valid;
    result = { valid: false, errorType, errors };
  }
  return result;
}

/** Same length as a candidate list, then every dict checked against the candidate's dict at the same position. */
export function listDictChecker(param: string, value: readonly PyValue[], candidates: readonly PyValue[]): CheckResult {
  let result: CheckResult = invalid("list_dict_checker:unclear");
  for (const candidate of candidates) {
    const answers = sequenceOf(candidate);
    if (value.length !== answers.length) {
      result = invalid("value_error:list_dict_count", "Wrong number of dictionaries in the list.");
      continue;
    }
    let matches = true;
    for (let i = 0; i < value.length; i++) {
      result = dictChecker(param, value[i] as PyValue, [answers[i] as PyValue]);
      if (!result.valid) {
        matches = false;
        break;
      }
    }
    if (matches) return valid;
  }
  return result;
}

/** Python iterates a candidate: a list as itself, a string as its characters (so `""` is empty). */
function sequenceOf(candidate: PyValue): PyValue[] {
  if (Array.isArray(candidate)) return candidate;
  if (typeof candidate === "string") return [...candidate];
  throw new BfclCheckerCrash(`object of type '${pyTypeName(candidate)}' has no len()`);
}

function dictOf(candidate: PyValue): PyDict {
  if (candidate instanceof PyDict) return candidate;
  throw new BfclCheckerCrash(`'${pyTypeName(candidate)}' object has no attribute 'items'`);
}
