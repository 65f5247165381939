// Python equality, hashing and truthiness over PyValues.
import { describe, expect, it } from "vitest";
import { PyDict, PySet, PyTuple, deepCopy, hashKeyOf, pyEquals, pyTruthy, pyTypeName } from "./py-value.js";

describe("PyValue semantics", () => {
  it("treats 1, 1.0 and True as one dict key, keeping the first key", () => {
    const dict = PyDict.of([
      [1n, "int"],
      [1.0, "float"],
      [true, "bool"],
    ]);
    expect(dict.size).toBe(1);
    expect(dict.keys()).toEqual([1n]);
    expect(dict.get(1n)).toBe("bool");
  });

  it("compares like ==", () => {
    expect(pyEquals(40n, 40.0)).toBe(true);
    expect(pyEquals(Number.NaN, Number.NaN)).toBe(false);
    expect(pyEquals(PyDict.of([["a", [1n]]]), PyDict.of([["a", [1.0]]]))).toBe(true);
    expect(pyEquals([1n], new PyTuple([1n]))).toBe(false);
    expect(pyEquals(PySet.of([1n, 2n]), PySet.of([2n, 1.0]))).toBe(true);
  });

  it("knows truthiness, type names and hashability", () => {
    expect([null, 0n, 0.0, "", [], new PyDict()].map(pyTruthy)).toEqual([false, false, false, false, false, false]);
    expect(pyTruthy(Number.NaN)).toBe(true);
    expect(pyTypeName(3n)).toBe("int");
    expect(pyTypeName(new PyTuple([]))).toBe("tuple");
    expect(() => hashKeyOf([1n])).toThrow("unhashable type: 'list'");
  });

  it("deep-copies containers", () => {
    const original = PyDict.of([["list", [1n]]]);
    const copy = deepCopy(original) as PyDict;
    (copy.get("list") as bigint[]).push(2n);
    expect(original.get("list")).toEqual([1n]);
  });
});
