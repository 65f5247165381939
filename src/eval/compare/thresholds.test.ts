// Thresholds: parsed from --min flags with clear errors, checked against a run, every miss named.
import { describe, expect, it } from "vitest";
import { checkThresholds, formatThresholdMiss, parseThreshold, ThresholdError } from "./thresholds.js";

const metrics = ["decision", "arguments", "effects", "passed"];

describe("parseThreshold", () => {
  it("reads overall and per-category thresholds, as fractions or percentages", () => {
    expect(parseThreshold("decision=0.9", metrics)).toEqual({ key: "decision", metric: "decision", min: 0.9 });
    expect(parseThreshold("simple_python.arguments=85%", metrics)).toEqual({ key: "simple_python.arguments", category: "simple_python", metric: "arguments", min: 0.85 });
  });

  it("names the fix for malformed flags", () => {
    expect(() => parseThreshold("decision", metrics)).toThrow(ThresholdError);
    expect(() => parseThreshold("decision", metrics)).toThrow(/write <metric>=<value> or <category>.<metric>=<value>, e\.g\. --min decision=0\.9/);
    expect(() => parseThreshold("speed=0.9", metrics)).toThrow(/unknown metric "speed"; use one of decision, arguments, effects, passed/);
    expect(() => parseThreshold("decision=1.5", metrics)).toThrow(/fraction from 0 to 1 or a percentage/);
  });
});

describe("checkThresholds", () => {
  it("reports each threshold missed, and a metric the run did not measure as missed", () => {
    const rates: Record<string, number | null> = { "overall.decision": 0.95, "overall.arguments": 0.7, "overall.effects": null, "simple.arguments": 0.8 };
    const lookup = (category: string | undefined, metric: string) => {
      const rate = rates[`${category ?? "overall"}.${metric}`];
      return rate === undefined ? undefined : { correct: 0, total: rate === null ? 0 : 10, rate };
    };
    const misses = checkThresholds(
      ["decision=0.9", "arguments=0.8", "effects=0.5", "simple.arguments=0.8", "other.arguments=0.1"].map((text) => parseThreshold(text, metrics)),
      lookup,
    );
    expect(misses.map(formatThresholdMiss)).toEqual([
      "arguments: 70.0% is below the minimum 80.0%",
      "effects: not measured by this run (wanted at least 50.0%)",
      "other.arguments: not measured by this run (wanted at least 10.0%)",
    ]);
  });
});
