// repr() and str() as Python prints them.
import { describe, expect, it } from "vitest";
import { pyFloatRepr, pyRepr, pyStr, pyStrRepr } from "./py-repr.js";
import { PyDict, PyTuple } from "./py-value.js";
import { PyBytes } from "./py-bytes.js";
import { PyComplex } from "./py-complex.js";

describe("pyFloatRepr", () => {
  it("prints the shortest round-trip digits in Python's layout", () => {
    const cases: Array<[number, string]> = [
      [1e16, "1e+16"], [1.5e16, "1.5e+16"], [1e-5, "1e-05"], [0.0001, "0.0001"], [123456789012345.6, "123456789012345.6"],
      [1e22, "1e+22"], [-0, "-0.0"], [0.1 + 0.2, "0.30000000000000004"], [2.5, "2.5"], [5, "5.0"], [5e-324, "5e-324"],
      [Number.POSITIVE_INFINITY, "inf"], [Number.NaN, "nan"],
    ];
    for (const [value, text] of cases) expect(pyFloatRepr(value)).toBe(text);
  });
  it("prints a float the same the second time, and keeps the zeros' signs apart", () => {
    expect([2.5, 2.5, 1e16, 1e16].map(pyFloatRepr)).toEqual(["2.5", "2.5", "1e+16", "1e+16"]);
    expect([0, -0, 0, -0].map(pyFloatRepr)).toEqual(["0.0", "-0.0", "0.0", "-0.0"]);
  });
});

describe("pyStrRepr", () => {
  it("picks quotes like Python and escapes what Python does not print", () => {
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr('say "hi"')).toBe(`'say "hi"'`);
    expect(pyStrRepr(`both ' and "`)).toBe(`'both \\' and "'`);
    expect(pyStrRepr("tab\tnew\nline\x00\x7f é \u200b \u{1F600} \ud800")).toBe("'tab\\tnew\\nline\\x00\\x7f é \\u200b \u{1F600} \\ud800'");
  });
});

describe("pyRepr and pyStr", () => {
  it("print containers, complex numbers and bytes like Python", () => {
    expect(pyRepr(new PyTuple([1n]))).toBe("(1,)");
    expect(pyRepr(new PyTuple([]))).toBe("()");
    expect(pyRepr(PyDict.of([[1n, "a"], ["b", [1.0, null, true]]]))).toBe("{1: 'a', 'b': [1.0, None, True]}");
    expect(pyRepr(new PyComplex(0, 1))).toBe("1j");
    expect(pyRepr(new PyComplex(1, 2))).toBe("(1+2j)");
    expect(pyRepr(new PyComplex(1.5, -2))).toBe("(1.5-2j)");
    expect(pyRepr(new PyBytes("a'b\x00\xff"))).toBe(`b"a'b\\x00\\xff"`);
  });
  it("str() of a string is the string itself", () => {
    expect(pyStr("x'y")).toBe("x'y");
    expect(pyStr(["x"])).toBe("['x']");
  });
});

describe("complex repr", () => {
  it("writes a NaN imaginary part as +nan, as CPython does", () => {
    expect(pyRepr(new PyComplex(1, Number.NaN))).toBe("(1+nanj)");
    expect(pyRepr(new PyComplex(Number.NaN, 1))).toBe("(nan+1j)");
    expect(pyRepr(new PyComplex(0, Number.NaN))).toBe("nanj");
  });
});
