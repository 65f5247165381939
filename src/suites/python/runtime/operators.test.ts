// Python operators and their TypeError texts, which reach the model as execution errors.
import { describe, expect, it } from "vitest";
import { parseFloatLiteral, pyBinary, pyUnary, pyAdd, pyCompare, pyContains, pyFloat, pyInt, pyLen, pyMod, pyMul, pyPow, pyTrueDivide } from "./operators.js";
import { PyDict, PyTuple } from "../py-value.js";

describe("operators", () => {
  it("keeps int arithmetic exact and promotes to float like Python", () => {
    expect(pyAdd(2n, 3n)).toBe(5n);
    expect(pyAdd(10.0, 30n)).toBe(40);
    expect(pyTrueDivide(1n, 3n)).toBe(1 / 3);
    expect(pyTrueDivide(10n ** 30n, 3n)).toBe(3.333333333333333e29);
    expect(pyMul("ab", 2n)).toBe("abab");
    expect(pyMod(-7n, 5n)).toBe(3n);
    expect(pyMod(7.5, -2n)).toBe(-0.5);
    expect(pyPow(2n, 10n)).toBe(1024n);
    expect(pyPow(2n, -1n)).toBe(0.5);
  });

  it("dispatches every binary and unary operator by its symbol", () => {
    expect(pyBinary("//", -7n, 2n)).toBe(-4n);
    expect(pyBinary("//", -7.5, 2n)).toBe(-4);
    expect(pyBinary("//", 1.0, 0.1)).toBe(9);
    expect(pyBinary("%", 1.0, 0.1)).toBeCloseTo(0.1, 15);
    expect(pyBinary("<<", 1n, 4n)).toBe(16n);
    expect(pyBinary("|", true, false)).toBe(true);
    expect(pyBinary("^", 6n, true)).toBe(7n);
    expect(pyBinary("*", new PyTuple([1n]), 2n)).toEqual(new PyTuple([1n, 1n]));
    expect(pyUnary("~", 5n)).toBe(-6n);
    expect(pyUnary("+", true)).toBe(1n);
    expect(pyUnary("not", [])).toBe(true);
    expect(() => pyBinary("@", 1n, 2n)).toThrow("unsupported operand type(s) for @: 'int' and 'int'");
    expect(() => pyBinary(">>", 1n, -1n)).toThrow("negative shift count");
    expect(() => pyUnary("~", 1.5)).toThrow("bad operand type for unary ~: 'float'");
    expect(() => pyBinary("//", 1n, 0n)).toThrow("integer division or modulo by zero");
  });

  it("raises Python's TypeErrors", () => {
    expect(() => pyCompare("310.23", 0n, "<=")).toThrow("'<=' not supported between instances of 'str' and 'int'");
    expect(() => pyAdd("Navigating to ", 5n)).toThrow('can only concatenate str (not "int") to str');
    expect(() => pyAdd(1.5, "x", "+=")).toThrow("unsupported operand type(s) for +=: 'float' and 'str'");
    expect(() => pyContains(5n, "/")).toThrow("argument of type 'int' is not iterable");
    expect(() => pyContains(new PyDict(), [1n])).toThrow("unhashable type: 'list'");
    expect(() => pyLen(3n)).toThrow("object of type 'int' has no len()");
    expect(() => pyTrueDivide(1.0, 0n)).toThrow("float division by zero");
  });

  it("compares ints and floats exactly and strings by code point", () => {
    expect(pyCompare(2n ** 53n + 1n, 2 ** 53, "<")).toBeGreaterThan(0);
    expect(pyCompare(1n, 1.0, "<")).toBe(0);
    expect(pyCompare("a", "B", "<")).toBeGreaterThan(0);
  });

  it("converts with float() and int()", () => {
    expect(pyFloat(" 1_000.5 ")).toBe(1000.5);
    expect(parseFloatLiteral("inf")).toBe(Infinity);
    expect(() => pyFloat("abc")).toThrow("could not convert string to float: 'abc'");
    expect(pyInt("12446")).toBe(12446n);
    expect(() => pyInt("4.5")).toThrow("invalid literal for int() with base 10: '4.5'");
  });
});
