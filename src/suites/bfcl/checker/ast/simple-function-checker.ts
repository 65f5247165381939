// BFCL's simple_function_checker: one decoded call against one function doc and its possible answer.
import { BfclCheckerCrash } from "../errors.js";
import { pyRepr, pyStr } from "../../../python/py-repr.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict, PyTuple, pyIn, pyTypeName } from "../../../python/py-value.js";
import type { CheckResult } from "./check-result.js";
import { invalid, valid } from "./check-result.js";
import { javaTypeConverter } from "./java-type-converter.js";
import { jsTypeConverter } from "./js-type-converter.js";
import { typeChecker } from "./type-checker.js";
import type { ExpectedType, Language } from "./type-mappings.js";
import { convertedNestedTypes, lookupType, pythonNestedTypes, typeTableFor } from "./type-mappings.js";
import { dictChecker, listChecker, listDictChecker, stringChecker } from "./value-checkers.js";

export interface CheckOptions {
  language: Language;
  /** The model's config replaced `.` with `_` in function names (BFCL's underscore_to_dot). */
  underscoreToDot: boolean;
}

/** The expected name as the model was allowed to spell it. */
export function convertFunctionName(name: string, underscoreToDot: boolean): string {
  return underscoreToDot && name.includes(".") ? name.replaceAll(".", "_") : name;
}

export function simpleFunctionChecker(funcDescription: PyValue, modelOutput: PyDict, possibleAnswer: PyValue, options: CheckOptions): CheckResult {
  const doc = requireDict(funcDescription, "function doc");
  const answerParams = requireDict(requireDict(possibleAnswer, "possible answer").values()[0] ?? null, "possible answer parameters");
  const parameters = requireDict(item(doc, "parameters"), "parameters");
  const paramDetails = requireDict(item(parameters, "properties"), "properties");
  const required = item(parameters, "required");

  const funcName = convertFunctionName(pyStr(item(doc, "name")), options.underscoreToDot);
  if (!modelOutput.has(funcName)) {
    return invalid("simple_function_checker:wrong_func_name", `Function name ${pyRepr(funcName)} not found in model output.`);
  }
  const modelParams = modelOutput.get(funcName) as PyValue;
  if (!(modelParams instanceof PyDict)) throw new BfclCheckerCrash(`'${pyTypeName(modelParams)}' object has no attribute 'items'`);

  for (const param of iterate(required)) {
    if (!modelParams.has(param)) return invalid("simple_function_checker:missing_required", `Missing required parameter: ${pyRepr(param)}.`);
  }

  for (const [param, rawValue] of modelParams.entries()) {
    if (!paramDetails.has(param) || !answerParams.has(param)) {
      return invalid("simple_function_checker:unexpected_param", `Unexpected parameter: ${pyRepr(param)}.`);
    }
    const name = pyStr(param);
    const details = requireDict(paramDetails.get(param) as PyValue, `parameter ${name}`);
    const typeDescription = pyStr(item(details, "type"));
    const candidates = candidateList(answerParams.get(param) as PyValue, name);
    const table = typeTableFor(options.language);
    const expectedType = lookupType(table, typeDescription);
    if (expectedType === undefined) throw new BfclCheckerCrash(`KeyError: ${pyRepr(typeDescription)} is not a ${options.language} type BFCL knows`);

    let value = rawValue;
    let nestedType: ExpectedType | null = null;
    if (options.language === "python") {
      if (pythonNestedTypes.has(typeDescription)) nestedType = nestedTypeOf(details, table, name);
    } else {
      if (typeof value !== "string") {
        return invalid(
          options.language === "java" ? "type_error:java" : "type_error:js",
          `Incorrect type for parameter ${pyRepr(param)}. Expected type String, got ${pyTypeName(value)}. Parameter value: ${pyRepr(value)}.`,
        );
      }
      const convert = options.language === "java" ? javaTypeConverter : jsTypeConverter;
      if (convertedNestedTypes.has(typeDescription)) {
        nestedType = nestedTypeOf(details, table, name);
        value = convert(value, typeDescription, pyStr(item(requireDict(item(details, "items"), "items"), "type")));
      } else {
        value = convert(value, typeDescription);
      }
    }

    // Tuples arrive as lists from JSON answers, so a tuple value is compared as a list.
    if (typeDescription === "tuple" && value instanceof PyTuple) value = [...value.items];
    // Python would accept an int where a float is documented, but only at the top level.
    if (options.language === "python" && typeDescription === "float" && typeof value === "bigint") {
      value = Number(value);
      if (!Number.isFinite(value)) throw new BfclCheckerCrash("OverflowError: int too large to convert to float");
    }

    const typeCheck = typeChecker(name, value, candidates, typeDescription, expectedType, nestedType);
    if (!typeCheck.valid) return { valid: false, errorType: typeCheck.errorType, errors: typeCheck.errors };

    if (!typeCheck.isVariable) {
      let result: CheckResult | undefined;
      if (expectedType === "dict") result = dictChecker(name, value, candidates);
      else if (expectedType === "list" && nestedType === "dict") result = listDictChecker(name, value as PyValue[], candidates);
      else if (expectedType === "str") result = stringChecker(name, value as string, candidates);
      else if (expectedType === "list") result = listChecker(name, value as PyValue[], candidates);
      if (result) {
        if (!result.valid) return result;
        continue;
      }
    }
    if (!pyIn(value, candidates)) {
      return invalid("value_error:others", `Invalid value for parameter ${pyRepr(param)}: ${pyRepr(value)}. Expected one of ${pyRepr(candidates)}.`);
    }
  }

  for (const [param, allowed] of answerParams.entries()) {
    if (!modelParams.has(param) && !pyIn("", candidateList(allowed, pyStr(param)))) {
      return invalid("simple_function_checker:missing_optional", `Optional parameter ${pyRepr(param)} not provided and not marked as optional.`);
    }
  }
  return valid;
}

function nestedTypeOf(details: PyDict, table: Readonly<Record<string, ExpectedType>>, param: string): ExpectedType {
  const itemType = pyStr(item(requireDict(item(details, "items"), `items of ${param}`), "type"));
  const nested = lookupType(table, itemType);
  if (nested === undefined) throw new BfclCheckerCrash(`KeyError: ${pyRepr(itemType)} (items of ${param})`);
  return nested;
}

/** dict[key] in Python: a missing key raises KeyError, which aborts BFCL's run. */
function item(dict: PyDict, key: string): PyValue {
  const value = dict.get(key);
  if (value === undefined) throw new BfclCheckerCrash(`KeyError: ${pyRepr(key)}`);
  return value;
}

function requireDict(value: PyValue, what: string): PyDict {
  if (value instanceof PyDict) return value;
  throw new BfclCheckerCrash(`${what} is a ${pyTypeName(value)}, not a dict`);
}

function candidateList(value: PyValue, param: string): PyValue[] {
  if (Array.isArray(value)) return value;
  throw new BfclCheckerCrash(`the possible answers for ${param} are a ${pyTypeName(value)}, not a list`);
}

function iterate(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (value instanceof PyTuple) return [...value.items];
  if (typeof value === "string") return [...value];
  if (value instanceof PyDict) return value.keys();
  throw new BfclCheckerCrash(`'${pyTypeName(value)}' object is not iterable`);
}
