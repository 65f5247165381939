// Latency columns: which values count, and the statistics BFCL rounds.
import { describe, expect, it } from "vitest";
import { latenciesOf, latencyStats } from "./latency.js";

describe("latency", () => {
  it("takes single values, flattens per-turn lists and drops zeros", () => {
    expect(latenciesOf(1.5)).toEqual([1.5]);
    expect(latenciesOf(0)).toEqual([]);
    expect(latenciesOf([[1.5, 0], [2n]])).toEqual([1.5, 2]);
    expect(latenciesOf("x")).toEqual([]);
  });
  it("computes mean, sample deviation and numpy's linear 95th percentile, rounded to 2 places", () => {
    expect(latencyStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ mean: 5.5, std: 3.03, p95: 9.55 });
    expect(latencyStats([4.2])).toBeUndefined();
  });
});
