// JavaScript values from the model's strings, as BFCL's js_type_converter reads them.
import { describe, expect, it } from "vitest";
import { BfclCheckerCrash } from "../errors.js";
import { PyDict } from "../../../python/py-value.js";
import { jsTypeConverter, parseJsValue } from "./js-type-converter.js";

describe("jsTypeConverter", () => {
  it("converts scalars only when the text fits the type's pattern", () => {
    expect(jsTypeConverter("'abc'", "String")).toBe("abc");
    expect(jsTypeConverter('"abc"', "String")).toBe("abc");
    expect(jsTypeConverter("'abc", "String")).toBe("'abc");
    expect(jsTypeConverter("5", "integer")).toBe(5n);
    expect(jsTypeConverter("5.0", "integer")).toBe("5.0");
    expect(jsTypeConverter("5", "float")).toBe(5);
    expect(jsTypeConverter("1e5", "float")).toBe("1e5");
    expect(jsTypeConverter("123n", "Bigint")).toBe(123n);
    expect(jsTypeConverter("123", "Bigint")).toBe("123");
    expect(jsTypeConverter("false", "Boolean")).toBe(false);
    expect(jsTypeConverter("{a: 1}", "any")).toBe("{a: 1}");
  });
  it("parses arrays, new Array(...), nested arrays and objects", () => {
    expect(jsTypeConverter("[1, 'two', true]", "array")).toEqual([1n, "two", true]);
    expect(jsTypeConverter("new Array(4, 5, 6)", "array", "integer")).toEqual([4n, 5n, 6n]);
    expect(jsTypeConverter('["hello", "world"]', "array", "String")).toEqual(["hello", "world"]);
    expect(jsTypeConverter("[]", "array")).toEqual([]);
    expect(jsTypeConverter(" [ [ 1, 2 ], [ 3,   4], [5, 6]]", "array", "array")).toEqual([[1n, 2n], [3n, 4n], [5n, 6n]]);
    expect(jsTypeConverter("myList", "array")).toBe("myList");
    expect(jsTypeConverter("{}", "dict")).toEqual(new PyDict());
    expect(jsTypeConverter("{'key1': 123, 'key2': 'value', 'key3': false}", "dict")).toEqual(PyDict.of([["key1", 123n], ["key2", "value"], ["key3", false]]));
    expect(
      jsTypeConverter('{"initialState": initialStateObject, "reducers": reducersMap, "enhancers": ["applyMiddleware", "myMiddleWare"]}', "dict"),
    ).toEqual(PyDict.of([["initialState", "initialStateObject"], ["reducers", "reducersMap"], ["enhancers", ["applyMiddleware", "myMiddleWare"]]]));
    expect(jsTypeConverter("config", "dict")).toBe("config");
  });
  it("crashes on a type JavaScript does not have", () => {
    expect(() => jsTypeConverter("x", "long")).toThrow(BfclCheckerCrash);
  });
});

describe("parseJsValue", () => {
  it("reads a literal without a declared type", () => {
    expect([" true ", "'x'", '"y"', "7", "2.5", "abc"].map(parseJsValue)).toEqual([true, "x", "y", 7n, 2.5, "abc"]);
  });
});
