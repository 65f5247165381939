// Fixed-point series agree with the double-precision values of the same functions.
import { describe, expect, it } from "vitest";
import { atanhFixed, expSmallFixed, ln2Fixed, lnFixed, piFixed, sinCosSmallFixed } from "./fixed-point.js";

const BITS = 120;
const toNumber = (fixed: bigint) => Number(fixed >> BigInt(BITS - 60)) / 2 ** 60;

describe("fixed-point series", () => {
  it("computes ln 2, pi, ln, atanh, exp, sin and cos", () => {
    expect(toNumber(ln2Fixed(BITS))).toBe(Math.LN2);
    expect(toNumber(piFixed(BITS))).toBe(Math.PI);
    expect(toNumber(lnFixed(10n, 0, BITS))).toBe(Math.LN10);
    expect(toNumber(atanhFixed(1n, 2n, BITS))).toBeCloseTo(Math.atanh(0.5), 15);
    const half = 1n << BigInt(BITS - 1);
    expect(toNumber(expSmallFixed(half, BITS))).toBeCloseTo(Math.exp(0.5), 15);
    const { sin, cos } = sinCosSmallFixed(half, BITS);
    expect(toNumber(sin)).toBeCloseTo(Math.sin(0.5), 15);
    expect(toNumber(cos)).toBeCloseTo(Math.cos(0.5), 15);
  });
});
