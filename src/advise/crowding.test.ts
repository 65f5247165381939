import { describe, expect, it } from "vitest";
import { detectCrowding } from "./crowding.js";

const outcomes = (exposed: number, wrong: number, total: number) => Array.from({ length: total }, (_, index) => ({ exposed, wrong: index < wrong }));

describe("detectCrowding", () => {
  it("finds the size beyond which choices go wrong", () => {
    const crowding = detectCrowding([...outcomes(6, 0, 10), ...outcomes(12, 1, 10), ...outcomes(32, 9, 10)]);
    expect(crowding?.threshold).toBe(12);
    expect(crowding?.large).toEqual({ wrong: 9, total: 10 });
    expect(crowding?.pValue).toBeLessThan(0.05);
  });
  it("says nothing when wrong choices do not depend on the size", () => {
    expect(detectCrowding([...outcomes(8, 3, 10), ...outcomes(32, 3, 10)])).toBeUndefined();
  });
  it("says nothing on groups too small to test", () => {
    expect(detectCrowding([...outcomes(8, 0, 3), ...outcomes(32, 3, 3)])).toBeUndefined();
  });
});
