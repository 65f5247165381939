// The arithmetic BFCL evaluates with eval(): Python's int, float and sequence rules, and its errors.
import { describe, expect, it } from "vitest";
import { evaluate, PyEvalError } from "./evaluate.js";
import { parsePythonExpression } from "./parser.js";
import { PyComplex } from "./py-complex.js";
import { PyTuple } from "./py-value.js";

const run = (source: string) => evaluate(parsePythonExpression(source));

describe("evaluate", () => {
  it("keeps Python's numeric types and rules", () => {
    expect(run("2 * 3")).toBe(6n);
    expect(run("7 / 2")).toBe(3.5);
    expect(run("6 / 3")).toBe(2);
    expect(typeof run("6 / 3")).toBe("number");
    expect(run("7 // 2")).toBe(3n);
    expect(run("-7 // 2")).toBe(-4n);
    expect(run("-7 % 3")).toBe(2n);
    expect(run("7 % -3")).toBe(-2n);
    expect(run("-7.5 // 2")).toBe(-4);
    expect(run("-7.5 % 2")).toBe(0.5);
    expect(run("2 ** -1")).toBe(0.5);
    expect(run("10 ** 20")).toBe(10n ** 20n);
    expect(run("True + 1")).toBe(2n);
    expect(run("1 + 2.0")).toBe(3);
    expect(run("~5 + -(-3)")).toBe(-3n);
    expect(run("1 << 4 | 1")).toBe(17n);
    expect(run("True & False")).toBe(false);
    expect(run("10 ** 30 / 3")).toBe(3.333333333333333e29);
    expect(run("(-8) ** 0.5")).toBeInstanceOf(PyComplex);
  });
  it("concatenates and repeats sequences", () => {
    expect(run("'a' + 'b'")).toBe("ab");
    expect(run("'ab' * 2")).toBe("abab");
    expect(run("3 * [0]")).toEqual([0n, 0n, 0n]);
    expect(run("(1,) + (2,)")).toEqual(new PyTuple([1n, 2n]));
  });
  it("compares and branches", () => {
    expect(run("(1 < 2) + 1")).toBe(2n);
    expect(run("1 if 0 else 'x'")).toBe("x");
    expect(run("0 or 'y'")).toBe("y");
    expect(run("'a' in 'cat'")).toBe(true);
    expect(run("[1, 2] < [1, 3]")).toBe(true);
    expect(run("[1, 2] < [1, 3] == True")).toBe(false);
    expect(run("({1, 2} == {2, 1}) + 1")).toBe(2n);
  });
  it("raises where Python raises, or where a construct is not modelled", () => {
    for (const source of ["1 / 0", "1 % 0", "0 ** -1", "'a' + 1", "x + 1", "len('a') + 1", "1.5 << 1", "2 ** 200000", "... + 1", "x is None", "[1] @ [2]"]) {
      expect(() => run(source), source).toThrow(PyEvalError);
    }
    // Python's str(e), without the exception class, is what BFCL reports.
    expect(() => run("1 / 0")).toThrow(/^division by zero$/);
  });
});
