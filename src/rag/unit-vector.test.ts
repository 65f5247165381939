import { describe, expect, it } from "vitest";
import { dot, unitVector } from "./unit-vector.js";

describe("unitVector and dot", () => {
  it("scales to length 1, so the dot product of two unit vectors is their cosine", () => {
    const a = unitVector([3, 4]);
    expect(Array.from(a)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(dot(a, a)).toBeCloseTo(1, 6);
    expect(dot(a, unitVector([-4, 3]))).toBeCloseTo(0, 6);
    expect(dot(a, unitVector([6, 8]))).toBeCloseTo(1, 6);
  });

  it("keeps a zero vector at zero instead of dividing by zero", () => {
    expect(Array.from(unitVector([0, 0, 0]))).toEqual([0, 0, 0]);
  });
});
