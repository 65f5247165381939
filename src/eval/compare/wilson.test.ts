// Wilson intervals and the two-proportion test against values computed by hand and published examples.
import { describe, expect, it } from "vitest";
import { compareProportions, newcombeInterval, normalCdf } from "./two-proportion-test.js";
import { wilsonInterval } from "./wilson.js";

describe("wilsonInterval", () => {
  it.each([
    // Hand-computed: centre (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p(1−p)/n + z²/4n²), z = 1.95996.
    [8, 10, 0.4901625, 0.9433178],
    [0, 10, 0, 0.2775328],
    [10, 10, 0.7224672, 1],
    [170, 200, 0.7939442, 0.8928641],
  ])("%i/%i → [%f, %f]", (correct, total, low, high) => {
    const interval = wilsonInterval(correct, total);
    expect(interval.low).toBeCloseTo(low, 6);
    expect(interval.high).toBeCloseTo(high, 6);
  });

  it("is the whole range for an empty sample and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});

describe("compareProportions", () => {
  it("matches a hand-computed pooled z-test: 45/50 → 35/50", () => {
    // pooled p = 0.8, SE = √(0.8·0.2·(1/50 + 1/50)) = 0.08, z = −0.2/0.08 = −2.5, p = 2(1 − Φ(2.5)) = 0.012419.
    const result = compareProportions({ correct: 45, total: 50 }, { correct: 35, total: 50 });
    expect(result.delta).toBeCloseTo(-0.2, 12);
    expect(result.z).toBeCloseTo(-2.5, 12);
    expect(result.pValue).toBeCloseTo(0.012419, 5);
    expect(result.significant).toBe(true);
  });

  it("does not call a small difference on small samples significant", () => {
    const result = compareProportions({ correct: 7, total: 10 }, { correct: 8, total: 10 });
    expect(result.significant).toBe(false);
    expect(result.pValue).toBeGreaterThan(0.5);
  });

  it("finds no evidence when both sides are at 100%", () => {
    expect(compareProportions({ correct: 20, total: 20 }, { correct: 30, total: 30 })).toMatchObject({ delta: 0, pValue: 1, significant: false });
  });

  it("reproduces Newcombe's published interval for 56/70 − 48/80 (0.0524, 0.3339)", () => {
    const interval = newcombeInterval({ correct: 48, total: 80 }, { correct: 56, total: 70 });
    expect(interval.low).toBeCloseTo(0.0524, 4);
    expect(interval.high).toBeCloseTo(0.3339, 4);
  });

  it("has a normal CDF accurate to 1e-6", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
  });
});
