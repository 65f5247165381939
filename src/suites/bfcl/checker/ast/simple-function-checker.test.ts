// One call against one doc: names, messages, Java/JS conversion and where BFCL's checker itself would crash.
import { describe, expect, it } from "vitest";
import { BfclCheckerCrash } from "../errors.js";
import { parsePyJson } from "../../../python/py-json.js";
import type { PyDict } from "../../../python/py-value.js";
import { convertFunctionName, simpleFunctionChecker } from "./simple-function-checker.js";

const python = { language: "python" as const, underscoreToDot: false };
const json = (text: string) => parsePyJson(text);
const call = (text: string) => parsePyJson(text) as PyDict;
const weatherDoc = json('{"name": "weather.get", "parameters": {"type": "dict", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}}, "required": ["city"]}}');
const weatherAnswer = json('{"weather.get": {"city": ["Paris"], "days": ["", 3]}}');

describe("convertFunctionName", () => {
  it("replaces every dot only when the model's config says so", () => {
    expect(convertFunctionName("a.b.c", true)).toBe("a_b_c");
    expect(convertFunctionName("a.b.c", false)).toBe("a.b.c");
  });
});

describe("simpleFunctionChecker", () => {
  it("accepts a correct call and explains each failure with BFCL's message", () => {
    expect(simpleFunctionChecker(weatherDoc, call('{"weather.get": {"city": "paris", "days": 3}}'), weatherAnswer, python).valid).toBe(true);
    expect(simpleFunctionChecker(weatherDoc, call('{"weather.get": {"city": "Rome"}}'), weatherAnswer, python)).toEqual({
      valid: false,
      errorType: "value_error:string",
      errors: ["Invalid value for parameter 'city': 'Rome'. Expected one of ['Paris']. Case insensitive."],
    });
    expect(simpleFunctionChecker(weatherDoc, call('{"weather_get": {"city": "Paris"}}'), weatherAnswer, python)).toMatchObject({
      errors: ["Function name 'weather.get' not found in model output."],
    });
    expect(simpleFunctionChecker(weatherDoc, call('{"weather.get": {"city": "Paris", "days": 4}}'), weatherAnswer, python)).toMatchObject({
      errorType: "value_error:others",
      errors: ["Invalid value for parameter 'days': 4. Expected one of ['', 3]."],
    });
  });
  it("checks required parameters before anything else, and parameters in the model's order", () => {
    const result = simpleFunctionChecker(weatherDoc, call('{"weather.get": {"days": "x", "zzz": 1}}'), weatherAnswer, python);
    expect(result).toMatchObject({ errorType: "simple_function_checker:missing_required" });
    const ordered = simpleFunctionChecker(weatherDoc, call('{"weather.get": {"city": "Paris", "zzz": 1, "days": "x"}}'), weatherAnswer, python);
    expect(ordered).toMatchObject({ errorType: "simple_function_checker:unexpected_param" });
  });
  it("converts Java strings before checking them", () => {
    const doc = json('{"name": "f", "parameters": {"properties": {"n": {"type": "long"}, "ids": {"type": "ArrayList", "items": {"type": "integer"}}}, "required": ["n"]}}');
    const answer = json('{"f": {"n": [5], "ids": [[1, 2]]}}');
    const java = { language: "java" as const, underscoreToDot: false };
    expect(simpleFunctionChecker(doc, call('{"f": {"n": "5L", "ids": "new ArrayList<>(Arrays.asList(1, 2))"}}'), answer, java).valid).toBe(true);
    expect(simpleFunctionChecker(doc, call('{"f": {"n": 5}}'), answer, java)).toMatchObject({
      errorType: "type_error:java",
      errors: ["Incorrect type for parameter 'n'. Expected type String, got int. Parameter value: 5."],
    });
  });
  it("raises BfclCheckerCrash where BFCL's checker raises (malformed docs, unknown types)", () => {
    const noRequired = json('{"name": "f", "parameters": {"properties": {"a": {"type": "integer"}}}}');
    expect(() => simpleFunctionChecker(noRequired, call('{"f": {"a": 1}}'), json('{"f": {"a": [1]}}'), python)).toThrow(/KeyError: 'required'/);
    const unknownType = json('{"name": "f", "parameters": {"properties": {"a": {"type": "number"}}, "required": []}}');
    expect(() => simpleFunctionChecker(unknownType, call('{"f": {"a": 1}}'), json('{"f": {"a": [1]}}'), python)).toThrow(BfclCheckerCrash);
    const noItems = json('{"name": "f", "parameters": {"properties": {"a": {"type": "array"}}, "required": []}}');
    expect(() => simpleFunctionChecker(noItems, call('{"f": {"a": [1]}}'), json('{"f": {"a": [[1]]}}'), python)).toThrow(/KeyError: 'items'/);
  });
});
