// "{:.2f}" and round() round the exact binary value half to even, unlike toFixed.
import { describe, expect, it } from "vitest";
import { pyFormatFixed, pyRound } from "./py-format.js";

describe("pyFormatFixed", () => {
  it("matches Python's format on ties and near-ties", () => {
    const cases: Array<[number, string]> = [[0.125, "0.12"], [0.375, "0.38"], [2.675, "2.67"], [87.125, "87.12"], [0.005, "0.01"], [-0.001, "-0.00"], [1.005, "1.00"], [12.345, "12.35"]];
    for (const [value, text] of cases) expect(pyFormatFixed(value, 2), String(value)).toBe(text);
    expect((87.125).toFixed(2)).toBe("87.13");
    expect(pyFormatFixed(74.504, 0)).toBe("75");
    expect(pyFormatFixed(1e22, 2)).toBe("10000000000000000000000.00");
  });
  it("round() gives the float of that text", () => {
    expect([2.675, 0.125, 8.515, 23.1049999].map((value) => pyRound(value, 2))).toEqual([2.67, 0.12, 8.52, 23.1]);
  });
});
