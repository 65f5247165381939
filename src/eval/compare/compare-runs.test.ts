// Comparing two runs: eval reports and BFCL score summaries, per category and metric, with intervals and a flag.
import { describe, expect, it } from "vitest";
import { callsResults, reportOf } from "../scoring/test-support/case-results.js";
import { ComparisonInputError, toComparableRun } from "./comparable-run.js";
import { compareRuns } from "./compare-runs.js";
import { formatComparison } from "./format-comparison.js";

describe("compareRuns", () => {
  it("compares every category and metric both runs measured, overall last", () => {
    const before = reportOf([...callsResults("simple", 35, 50), ...callsResults("multiple", 9, 10), ...callsResults("only_a", 1, 1)], { model: "base" });
    const after = reportOf([...callsResults("simple", 45, 50), ...callsResults("multiple", 9, 10)], { model: "tuned" });
    const comparison = compareRuns(toComparableRun(before, "before.json"), toComparableRun(after, "after.json"));

    expect(comparison.rows.map((row) => `${row.category}.${row.metric}`)).toEqual([
      "multiple.decision",
      "multiple.arguments",
      "multiple.passed",
      "simple.decision",
      "simple.arguments",
      "simple.passed",
      "overall.decision",
      "overall.arguments",
      "overall.passed",
    ]);
    const simple = comparison.rows.find((row) => row.category === "simple" && row.metric === "arguments");
    expect(simple?.a).toMatchObject({ correct: 35, total: 50, rate: 0.7 });
    expect(simple?.b.interval.low).toBeCloseTo(0.7864, 4);
    expect(simple?.difference).toMatchObject({ significant: true });
    expect(simple?.difference.z).toBeCloseTo(2.5, 10);
    expect(comparison.rows.find((row) => row.category === "multiple")?.difference.significant).toBe(false);
    expect(comparison.onlyIn).toEqual({ a: ["only_a"], b: [] });
    expect(comparison.a).toEqual({ label: "before.json", model: "base" });

    const text = formatComparison(comparison);
    expect(text).toMatch(/^simple\s+arguments\s+70\.0% \[56\.2, 80\.9\] \(35\/50\)\s+90\.0% \[78\.6, 95\.7\] \(45\/50\)\s+\+20\.0 pp\s+\[\S+ pp, \S+ pp\]\s+0\.012\s+better \*$/m);
    expect(text).toMatch(/^multiple\s+arguments\s+.*\s+0\.0 pp\s+.*1\.000$/m);
    expect(text).toContain("pooled two-proportion z-test");
    expect(text).toContain("only in A (not compared): only_a");
  });

  it("reads `eval score --json` summaries as an accuracy per category", () => {
    const score = (correct: number) => ({ categories: { simple_python: { accuracy: correct / 400, correct, total: 400, failed: [] } }, groups: {} });
    const comparison = compareRuns(toComparableRun(score(378), "a"), toComparableRun(score(340), "b"));
    expect(comparison.rows.map((row) => [row.category, row.metric, row.difference.significant, Math.round(row.difference.delta * 1000)])).toEqual([
      ["simple_python", "accuracy", true, -95],
      ["overall", "accuracy", true, -95],
    ]);
  });

  it("says what it accepts when given something else", () => {
    expect(() => toComparableRun({ hello: 1 }, "x.json")).toThrow(ComparisonInputError);
    expect(() => toComparableRun([], "x.json")).toThrow(/x\.json: not an evaluation report; pass the JSON printed by `toolgate eval run --json`/);
  });
});
