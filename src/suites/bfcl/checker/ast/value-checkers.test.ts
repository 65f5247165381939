// String, list, dict and list-of-dict comparisons with BFCL's messages and error types.
import { describe, expect, it } from "vitest";
import { BfclCheckerCrash } from "../errors.js";
import { PyDict } from "../../../python/py-value.js";
import { dictChecker, listChecker, listDictChecker, stringChecker } from "./value-checkers.js";

const dict = (entries: Array<[string, unknown]>) => PyDict.of(entries as Array<[string, never]>);

describe("stringChecker", () => {
  it("compares standardised strings and ignores non-string candidates", () => {
    expect(stringChecker("p", "San Francisco, CA", ["san francisco ca"]).valid).toBe(true);
    expect(stringChecker("p", "5", [5n])).toEqual({
      valid: false,
      errorType: "value_error:string",
      errors: ["Invalid value for parameter 'p': '5'. Expected one of [5]. Case insensitive."],
    });
  });
});

describe("listChecker", () => {
  it("needs one candidate equal in order, top-level strings standardised", () => {
    expect(listChecker("p", ["A-B", 2n], [["ab", 2.0]]).valid).toBe(true);
    expect(listChecker("p", [["A"]], [[["a"]]]).valid).toBe(false);
    expect(listChecker("p", [], [""]).valid).toBe(true);
  });
});

describe("dictChecker", () => {
  it("collects errors within one candidate, so a missing key after a bad value reports dict_key with both messages", () => {
    const result = dictChecker("params", dict([["limit", "50"], ["schema", "public"]]), [dict([["limit", [50n]], ["schemaFilter", ["public"]]])]);
    expect(result).toEqual({
      valid: false,
      errorType: "value_error:dict_key",
      errors: ["Invalid value for parameter 'limit': '50'. Expected one of [50].", "Missing dict key parameter: 'schemaFilter'."],
    });
  });
  it("passes when any candidate dict matches, and reports the last candidate's failure otherwise", () => {
    const candidates = [dict([["a", [1n]]]), dict([["b", [2n]]])];
    expect(dictChecker("p", dict([["b", 2n]]), candidates).valid).toBe(true);
    expect(dictChecker("p", dict([["c", 1n]]), candidates)).toMatchObject({
      errorType: "value_error:dict_key",
      errors: ["Unexpected dict key parameter: 'c'.", "Missing dict key parameter: 'b'."],
    });
  });
  it("crashes as BFCL does on a dict answer that is not a dict", () => {
    expect(() => dictChecker("p", dict([["a", 1n]]), [5n])).toThrow(BfclCheckerCrash);
  });
});

describe("listDictChecker", () => {
  it("matches dicts position by position against a candidate list of the same length", () => {
    const candidates = [[dict([["n", ["x"]]]), dict([["n", ["y"]]])]];
    expect(listDictChecker("p", [dict([["n", "x"]]), dict([["n", "y"]])], candidates).valid).toBe(true);
    expect(listDictChecker("p", [dict([["n", "x"]])], candidates)).toMatchObject({ errorType: "value_error:list_dict_count" });
    expect(listDictChecker("p", [], ["", []]).valid).toBe(true);
  });
});
