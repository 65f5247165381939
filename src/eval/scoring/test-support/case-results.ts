// Test support: CaseResults and reports built by hand, for testing summaries, reports and comparisons without a model.
import type { EvalReport } from "../../report/index.js";
import { buildEvalReport } from "../../report/index.js";
import type { CaseResult } from "../case-result.js";
import { emptyGateStats } from "../gate-stats.js";
import { summarizeResults } from "../summarize.js";

export function caseResult(overrides: Partial<CaseResult>): CaseResult {
  return {
    id: "case",
    category: "simple",
    kind: "calls",
    model: "scripted",
    digest: "sha256:0",
    status: "passed",
    gate: emptyGateStats(),
    responses: [],
    steps: 1,
    latencyMs: 10,
    modelLatencyMs: 8,
    tokens: { input: 10, output: 2 },
    reasons: [],
    ...overrides,
  };
}

/** `correct` of `total` calls cases in `category`, passing or failing on both decision and arguments. */
export function callsResults(category: string, correct: number, total: number): CaseResult[] {
  return Array.from({ length: total }, (_, index) => {
    const ok = index < correct;
    return caseResult({
      id: `${category}_${index}`,
      category,
      status: ok ? "passed" : "failed",
      decision: { correct: ok, expected: ["f"], actual: [ok ? "f" : "g"], errors: ok ? [] : [{ code: "wrong_function", expected: "f", actual: "g" }] },
      arguments: { correct: ok, errors: ok ? [] : [{ code: "wrong_function", function: "g", message: "Function name 'g' not found." }] },
      reasons: ok ? [] : ["wrong_function: expected f, called g"],
    });
  });
}

export function reportOf(results: CaseResult[], options: { suite?: string; model?: string; bfcl?: unknown } = {}): EvalReport {
  return buildEvalReport(
    {
      model: options.model ?? "scripted",
      startedAt: "2026-01-05T09:00:00.000Z",
      finishedAt: "2026-01-05T09:01:00.000Z",
      results,
      summary: summarizeResults(results),
      cached: 0,
    },
    { suite: options.suite ?? "cases.yaml", ...(options.bfcl === undefined ? {} : { bfcl: options.bfcl }) },
  );
}
