// sum/min/max/round/sorted with CPython 3.12+ semantics.
import { describe, expect, it } from "vitest";
import { PyException } from "./exceptions.js";
import { pyMax, pyMin, pyRound, pySorted, pySum } from "./builtins.js";

describe("builtins", () => {
  it("sums ints exactly and floats with Neumaier compensation (sum([0.1]*10) == 1.0 on 3.12+)", () => {
    expect(pySum([5000n, 3000n, 2000n])).toBe(10000n);
    expect(pySum(Array.from({ length: 10 }, () => 0.1))).toBe(1.0);
    expect(pySum([1n, 0.5, 2n])).toBe(3.5);
    expect(() => pySum([1n, "a"])).toThrow("unsupported operand type(s) for +: 'int' and 'str'");
  });

  it("rounds like round()", () => {
    expect(pyRound(3333.3333333333335, 0n)).toBe(3333.0);
    expect(pyRound(2.5)).toBe(2n);
    expect(pyRound(7n, 2n)).toBe(7n);
    expect(() => pyRound(2.5, 1.5)).toThrow("'float' object cannot be interpreted as an integer");
    expect(() => pyRound("x", 1n)).toThrow("type str doesn't define __round__ method");
  });

  it("orders with Python comparisons", () => {
    expect(pyMin([3n, 1.5, 2n])).toBe(1.5);
    expect(pyMax(["b", "a"])).toBe("b");
    expect(() => pyMax([1n, "a"])).toThrow(PyException);
    expect(pySorted(["b", "B", "a", "\u{1F600}", "\uff01"])).toEqual(["B", "a", "b", "\uff01", "\u{1F600}"]);
  });
});
