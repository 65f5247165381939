// Python equality, membership, truthiness and dict keys as the checker relies on them.
import { describe, expect, it } from "vitest";
import { PyDict, PyTuple, PyTypeError, deepCopy, pyEquals, pyIn, pyTruthy, pyTypeName } from "./py-value.js";
import { PyBytes } from "./py-bytes.js";
import { PyComplex } from "./py-complex.js";

describe("pyEquals", () => {
  it("compares ints, floats and bools as numbers, exactly", () => {
    expect(pyEquals(1n, 1)).toBe(true);
    expect(pyEquals(1, true)).toBe(true);
    expect(pyEquals(0n, false)).toBe(true);
    expect(pyEquals(2n ** 53n + 1n, 2 ** 53)).toBe(false);
    expect(pyEquals(1.5, 1n)).toBe(false);
    expect(pyEquals(new PyComplex(3, 0), 3n)).toBe(true);
    expect(pyEquals(Number.NaN, Number.NaN)).toBe(false);
  });
  it("never equates values of different kinds, and compares containers element-wise", () => {
    expect(pyEquals("1", 1n)).toBe(false);
    expect(pyEquals(null, false)).toBe(false);
    expect(pyEquals([1n, [2.0]], [1, [2n]])).toBe(true);
    expect(pyEquals([1n, 2n], new PyTuple([1n, 2n]))).toBe(false);
    expect(pyEquals(PyDict.of([["a", 1n], ["b", 2n]]), PyDict.of([["b", 2], ["a", true]]))).toBe(true);
    expect(pyEquals(PyDict.of([["a", 1n]]), PyDict.of([["a", 1n], ["b", 1n]]))).toBe(false);
    expect(pyEquals(new PyBytes("ab"), "ab")).toBe(false);
  });
  it("pyIn is `in` over a list", () => {
    expect(pyIn(3.0, [1n, 3n])).toBe(true);
    expect(pyIn("", ["x", ""])).toBe(true);
    expect(pyIn("", [[]])).toBe(false);
  });
});

describe("PyDict", () => {
  it("treats 1, 1.0 and True as one key, keeps the first key and position, updates the value", () => {
    const dict = PyDict.of([[1n, "a"], ["x", "b"], [true, "c"], [1.0, "d"]]);
    expect(dict.size).toBe(2);
    expect(dict.keys()).toEqual([1n, "x"]);
    expect(dict.get(1)).toBe("d");
    expect(dict.has("1")).toBe(false);
  });
  it("never confuses a string key with another type's key, whatever its characters", () => {
    const dict = PyDict.of([["\u0000i1", "text"], [1n, "int"], ["None", "word"], [null, "none"]]);
    expect(dict.size).toBe(4);
    expect(dict.get(1n)).toBe("int");
    expect(dict.get("\u0000i1")).toBe("text");
    expect(dict.get(null)).toBe("none");
  });
  it("accepts tuples and None as keys but not lists", () => {
    const dict = PyDict.of([[new PyTuple([1n, "a"]), 1n], [null, 2n]]);
    expect(dict.get(new PyTuple([1, "a"]))).toBe(1n);
    expect(dict.get(null)).toBe(2n);
    expect(() => dict.set([1n], 3n)).toThrow(PyTypeError);
  });
  it("keeps key objects and order through delete, forEach, deepCopy and ==", () => {
    const dict = PyDict.of([[null, 1n], ["\u0000s", 2n], [2.0, [3n]], ["b", 4n]]);
    dict.delete(2n);
    dict.set(2n, [5n]);
    const seen: Array<[unknown, unknown]> = [];
    dict.forEach((value, key) => seen.push([key, value]));
    expect(seen).toEqual([[null, 1n], ["\u0000s", 2n], ["b", 4n], [2n, [5n]]]);
    const copy = deepCopy(dict) as PyDict;
    expect(copy.entries()).toEqual(dict.entries());
    expect(copy.get(2n)).not.toBe(dict.get(2n));
    expect(pyEquals(copy, dict)).toBe(true);
    copy.set("b", 4.5);
    expect(pyEquals(copy, dict)).toBe(false);
    expect(pyEquals(PyDict.of([["a", 1n]]), PyDict.of([["b", 1n]]))).toBe(false);
  });
});

describe("pyTypeName and pyTruthy", () => {
  it("name the Python type", () => {
    expect([null, true, 1n, 1.0, "s", [], new PyTuple([]), new PyDict(), new PyComplex(0, 1), new PyBytes("")].map(pyTypeName)).toEqual([
      "NoneType", "bool", "int", "float", "str", "list", "tuple", "dict", "complex", "bytes",
    ]);
  });
  it("follow Python truthiness", () => {
    expect([null, false, 0n, 0, "", [], new PyDict(), new PyTuple([])].map(pyTruthy)).toEqual(Array(8).fill(false));
    expect([true, 2n, Number.NaN, " ", [null], PyDict.of([["a", null]])].map(pyTruthy)).toEqual(Array(6).fill(true));
  });
});
