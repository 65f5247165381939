// Python's strip, int() and float() of strings, and word boundaries with Unicode word characters.
import { describe, expect, it } from "vitest";
import { containsOnWordBoundaries, pyFloatFromString, pyIntFromString, pyRstrip, pyStrip } from "./py-text.js";

describe("pyStrip", () => {
  it("strips Python whitespace, or the given characters", () => {
    expect(pyStrip(" x\u00a0\x1c")).toBe("x");
    expect(pyStrip("\ufeffx")).toBe("\ufeffx");
    expect(pyStrip("``[f()]\n ", "`\n ")).toBe("[f()]");
    expect(pyRstrip("a\n\n", "\n")).toBe("a");
  });
});

describe("pyIntFromString and pyFloatFromString", () => {
  it("accept what int() and float() accept", () => {
    expect(pyIntFromString(" 1_000 ")).toBe(1000n);
    expect(pyIntFromString("\u0663")).toBe(3n);
    expect(pyIntFromString("-07")).toBe(-7n);
    expect(pyFloatFromString(" 1_0.5e1 ")).toBe(105);
    expect(pyFloatFromString("\u0661.\u0665")).toBe(1.5);
    expect(pyFloatFromString("-inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(pyFloatFromString("Infinity")).toBe(Number.POSITIVE_INFINITY);
    expect(pyFloatFromString("1.")).toBe(1);
    expect(pyFloatFromString(".5")).toBe(0.5);
  });
  it("reject what they reject", () => {
    for (const text of ["1__0", "_1", "1_", "0x10", "1.5", "+-1", ""]) expect(pyIntFromString(text), text).toBeUndefined();
    for (const text of ["1e", "1_.5", "e5", "abc"]) expect(pyFloatFromString(text), text).toBeUndefined();
  });
});

describe("containsOnWordBoundaries", () => {
  it("needs a boundary at both ends, with Unicode letters and digits as word characters", () => {
    expect(containsOnWordBoundaries("born in paris.", "paris")).toBe(true);
    expect(containsOnWordBoundaries("a parisian", "paris")).toBe(false);
    expect(containsOnWordBoundaries("zoë saldaña", "zoë")).toBe(true);
    expect(containsOnWordBoundaries("zoëa", "zoë")).toBe(false);
    expect(containsOnWordBoundaries("x_paris", "paris")).toBe(false);
    expect(containsOnWordBoundaries("it is $100 now", "$100")).toBe(false);
    expect(containsOnWordBoundaries("is 100 now", "100")).toBe(true);
    expect(containsOnWordBoundaries("\u{1D400}bc", "bc")).toBe(false);
  });
});
