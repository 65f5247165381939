// Summaries: proportions per metric and category, errors counted as wrong, gate interventions, latency percentiles.
import { describe, expect, it } from "vitest";
import { countErrors } from "./count-errors.js";
import { gateStats } from "./gate-stats.js";
import { caseResult as result } from "./test-support/case-results.js";
import { summarizeResults } from "./summarize.js";
import type { CallRecord } from "../../record/index.js";

describe("summarizeResults", () => {
  it("counts each metric only over the cases it applies to, and errors as wrong", () => {
    const summary = summarizeResults([
      result({ id: "1", decision: { correct: true, expected: ["f"], actual: ["f"], errors: [] }, arguments: { correct: true, errors: [] }, latencyMs: 10 }),
      result({ id: "2", status: "failed", decision: { correct: true, expected: ["f"], actual: ["f"], errors: [] }, arguments: { correct: false, errors: [{ code: "value_error", message: "m" }] }, latencyMs: 30 }),
      result({ id: "3", status: "error", error: "model down", latencyMs: 20 }),
      result({ id: "4", category: "irrelevance", kind: "no_call", decision: { correct: true, expected: [], actual: [], errors: [] }, latencyMs: 40 }),
      result({ id: "5", category: "booking", kind: "effects", status: "failed", effects: { correct: false, changes: [] }, latencyMs: 50 }),
    ]);
    expect(summary.categories.simple).toMatchObject({
      cases: 3,
      errors: 1,
      decision: { correct: 2, total: 3 },
      arguments: { correct: 1, total: 3, rate: 1 / 3 },
      effects: { correct: 0, total: 0, rate: null },
      passed: { correct: 1, total: 3 },
      latencyMs: { mean: 20, p50: 20, p95: 30 },
      tokens: { input: 30, output: 6 },
    });
    expect(summary.overall).toMatchObject({ cases: 5, decision: { correct: 3, total: 4 }, effects: { correct: 0, total: 1 }, passed: { correct: 2, total: 5 } });
    expect(Object.keys(summary.categories)).toEqual(["booking", "irrelevance", "simple"]);
  });

  it("counts errors by taxonomy code", () => {
    const counts = countErrors([
      result({ decision: { correct: false, expected: ["a"], actual: ["b"], errors: [{ code: "wrong_function", expected: "a", actual: "b" }] }, arguments: { correct: false, errors: [{ code: "wrong_function", message: "" }] } }),
      result({ arguments: { correct: false, errors: [{ code: "type_error", param: "x", message: "" }] } }),
      result({ category: "other", status: "error" }),
    ]);
    expect(counts.overall).toEqual({ wrong_function: 1, type_error: 1, run_error: 1 });
    expect(counts.categories.other).toEqual({ run_error: 1 });
  });
});

describe("gateStats", () => {
  const call = (status: CallRecord["status"], lastStage: string, repaired = false) =>
    ({ status, verdicts: [{ stage: "decode" }, { stage: lastStage }], repairs: repaired ? [{}] : [] }) as unknown as CallRecord;

  it("files refused calls under the stage that refused them, policy and approval as blocks", () => {
    expect(gateStats([call("succeeded", "guard", true), call("rejected", "validate"), call("rejected", "validate"), call("rejected", "policy"), call("rejected", "approval"), call("failed", "execute")])).toEqual({
      calls: 6,
      succeeded: 1,
      failed: 1,
      rejected: { validate: 2, policy: 1, approval: 1 },
      policyBlocks: 2,
      repaired: 1,
    });
  });
});
