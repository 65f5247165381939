// The dispatcher and the multiple and parallel checkers on their own.
import { describe, expect, it } from "vitest";
import { BfclCheckerCrash } from "../errors.js";
import { parsePyJson } from "../../../python/py-json.js";
import type { PyDict, PyValue } from "../../../python/py-value.js";
import { astChecker, multipleFunctionChecker, parallelFunctionCheckerNoOrder } from "./ast-checker.js";

const options = { language: "python" as const, underscoreToDot: false };
const docs = parsePyJson(
  '[{"name": "f", "parameters": {"properties": {"a": {"type": "integer"}}, "required": ["a"]}}, {"name": "g", "parameters": {"properties": {"b": {"type": "integer"}}, "required": ["b"]}}]',
) as PyValue[];
const calls = (text: string) => parsePyJson(text) as PyDict[];

describe("multipleFunctionChecker", () => {
  it("checks only the first expected call, against its own doc", () => {
    const answers = parsePyJson('[{"g": {"b": [1]}}, {"f": {"a": [9]}}]') as PyValue[];
    expect(multipleFunctionChecker(docs, calls('[{"g": {"b": 1}}, {"f": {"a": 1}}]'), answers, options).valid).toBe(true);
  });
});

describe("parallelFunctionCheckerNoOrder", () => {
  it("names the unmatched model indices and the expected index it could not place", () => {
    const answers = parsePyJson('[{"f": {"a": [1]}}, {"f": {"a": [2]}}]') as PyValue[];
    const result = parallelFunctionCheckerNoOrder(docs, calls('[{"f": {"a": 2}}, {"f": {"a": 3}}]'), answers, options);
    expect(result).toMatchObject({ valid: false, errorType: "parallel_function_checker_no_order:cannot_find_match" });
    if (!result.valid) {
      expect(result.errors[0]).toBe("Could not find a matching function among index [0, 1] of model output for index 0 of possible answers.");
      expect(result.errors[1]).toMatch(/^Model Result Index 0: value_error:others: /);
    }
  });
  it("crashes, as BFCL does, when an expected function has no doc", () => {
    const answers = parsePyJson('[{"h": {"a": [1]}}]') as PyValue[];
    expect(() => parallelFunctionCheckerNoOrder(docs, calls('[{"h": {"a": 1}}]'), answers, options)).toThrow(BfclCheckerCrash);
  });
});

describe("astChecker", () => {
  it("uses the first documented function for simple categories, whatever the answer names", () => {
    const answer = parsePyJson('[{"anything": {"a": [1]}}]');
    expect(astChecker(docs, calls('[{"f": {"a": 1}}]'), answer, "simple_python", options).valid).toBe(true);
    expect(astChecker(docs, calls("[]"), answer, "live_simple", options)).toMatchObject({ errorType: "simple_function_checker:wrong_count" });
  });
});
