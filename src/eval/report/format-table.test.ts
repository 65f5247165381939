// The terminal table: one row per category and overall, every rate with its counts; failures and error counts below it.
import { describe, expect, it } from "vitest";
import { summarizeResults } from "../scoring/index.js";
import { callsResults, caseResult } from "../scoring/test-support/case-results.js";
import { formatErrorCounts, formatFailures, formatSummaryTable } from "./format-table.js";

describe("formatSummaryTable", () => {
  it("prints rates with counts, a dash where a metric does not apply, and an overall row", () => {
    const results = [...callsResults("simple", 3, 4), caseResult({ id: "n", category: "irrelevance", kind: "no_call", decision: { correct: true, expected: [], actual: [], errors: [] } })];
    const lines = formatSummaryTable(summarizeResults(results)).split("\n");
    expect(lines[0]).toMatch(/^category\s+cases\s+decision\s+arguments\s+effects\s+passed\s+gate rejected\s+policy blocks\s+p50 ms\s+p95 ms\s+tokens in\/out$/);
    expect(lines[1]).toMatch(/^irrelevance\s+1\s+100\.0% \(1\/1\)\s+—\s+—\s+100\.0% \(1\/1\)\s+0\s+0\s+10\s+10\s+10\/2$/);
    expect(lines[2]).toMatch(/^simple\s+4\s+75\.0% \(3\/4\)\s+75\.0% \(3\/4\)\s+—\s+75\.0% \(3\/4\)/);
    expect(lines[3]).toMatch(/^overall\s+5\s+80\.0% \(4\/5\)/);
  });

  it("lists failing cases with their first reason, and errors by kind", () => {
    const results = callsResults("simple", 1, 3);
    expect(formatFailures(results, 1)).toBe("failed  simple_1: wrong_function: expected f, called g\n… and 1 more (see --json, --html or --junit)");
    expect(formatErrorCounts(results)).toBe("errors: wrong_function 2");
    expect(formatFailures(callsResults("simple", 2, 2))).toBe("");
  });
});
