// One run's diagnosis: every failed case classified, crowding tested, findings grouped and turned into recommendations
// ranked by the failures they explain. A run with a handful of failures is called healthy: no lever is worth its cost.
import type { CaseResult, EvalReport } from "../eval/index.js";
import { wilsonInterval } from "../eval/index.js";
import type { FindingKind, Recommendation } from "./advice.js";
import type { CaseFinding } from "./classify-case.js";
import { classifyCase } from "./classify-case.js";
import { detectCrowding } from "./crowding.js";
import type { NextStep, RunContext } from "./levers.js";
import { adviseFinding, leverCost } from "./levers.js";

export interface AdviseInput {
  /** The report's file name (used in the experiment's commands) or any label. */
  label: string;
  report: EvalReport;
}

/** Below this failure rate, or with this few failures, a run is healthy. */
const healthyFailureRate = 0.05;
const healthyFailures = 2;

export interface RunDiagnosis {
  label: string;
  cases: number;
  failed: number;
  recommendations: Recommendation[];
  /** The findings behind each recommendation, by kind (escalation compares them across runs). */
  findings: Map<FindingKind, CaseFinding[]>;
  /** The step each finding's recommendation names for when its first lever is not enough. */
  nextSteps: Map<FindingKind, NextStep>;
  unexplained: string[];
  notes: string[];
}

export function diagnoseRun(input: AdviseInput): RunDiagnosis {
  const { report } = input;
  const results = report.results;
  const failed = results.filter((result) => result.status === "failed");
  const errored = results.filter((result) => result.status === "error");
  const notes: string[] = [];
  if (errored.length > 0) notes.push(`${errored.length} case(s) errored (not judged: ${errored.slice(0, 3).map((result) => result.id).join(", ")}${errored.length > 3 ? ", …" : ""}); fix the run before reading the advice`);
  if (results.length > 0 && results.every((result) => result.evidence === undefined)) {
    notes.push("the report has no evidence fields (written by an older toolgate, or a BFCL suite): argument findings are not judged; run `toolgate eval run` again to get them");
  }

  const classified = failed.map(classifyCase);
  const crowding = detectCrowding(
    results
      .filter((result) => result.kind === "calls" || result.kind === "any_call")
      .map((result) => ({ result, finding: result.status === "failed" ? classified.find((finding) => finding.caseId === result.id) : undefined }))
      .filter(({ result, finding }) => exposedCount(result) !== undefined && finding?.kind !== "routing-miss" && finding?.kind !== "malformed-calls")
      .map(({ result, finding }) => ({ exposed: exposedCount(result) as number, wrong: finding?.kind === "confused-tools" || finding?.kind === "missing-call" })),
  );
  if (crowding) {
    for (const finding of classified) {
      if ((finding.kind === "confused-tools" || finding.kind === "missing-call") && (finding.exposed ?? 0) > crowding.threshold) finding.kind = "crowded-catalog";
    }
  }

  const findings = new Map<FindingKind, CaseFinding[]>();
  for (const finding of classified) if (finding.kind) findings.set(finding.kind, [...(findings.get(finding.kind) ?? []), finding]);
  const run: RunContext = { report: input.label, suite: report.suite, model: report.model };
  const nextSteps = new Map<FindingKind, NextStep>();
  const recommendations: Recommendation[] = [...findings.entries()].map(([kind, group]) => {
    const { next, ...advice } = adviseFinding(kind, group, run, kind === "crowded-catalog" ? crowding : undefined);
    if (next) nextSteps.set(kind, next);
    return { ...advice, finding: kind, evidence: evidenceOf(group, results.length) };
  });
  recommendations.sort((a, b) => b.evidence.cases - a.evidence.cases || leverCost[a.lever] - leverCost[b.lever]);

  const explained = recommendations.reduce((sum, recommendation) => sum + recommendation.evidence.cases, 0);
  if (failed.length + errored.length <= healthyFailures || (failed.length + errored.length) / Math.max(1, results.length) < healthyFailureRate) {
    recommendations.unshift({
      lever: "none",
      finding: "healthy",
      summary: `${results.length - failed.length - errored.length} of ${results.length} cases pass; the ${failed.length} failure(s) are too few to point at a lever`,
      action: "keep this configuration; add cases where the model is expected to struggle before changing anything",
      evidence: { cases: failed.length, of: results.length, interval: wilsonInterval(failed.length, results.length), examples: failed.slice(0, 5).map((result) => result.id), details: [] },
    });
  }
  const unexplained = classified.filter((finding) => finding.kind === undefined).map((finding) => finding.caseId);
  if (unexplained.length > 0 && explained < failed.length) notes.push(`${unexplained.length} failed case(s) have no finding (no decision or argument evidence to judge)`);
  return { label: input.label, cases: results.length, failed: failed.length, recommendations, findings, nextSteps, unexplained, notes };
}

function exposedCount(result: CaseResult): number | undefined {
  return result.responses[0]?.exposedTools?.length ?? result.evidence?.catalogSize;
}

function evidenceOf(group: readonly CaseFinding[], of: number): Recommendation["evidence"] {
  const details = new Map<string, number>();
  const examples = new Map<string, string>();
  for (const finding of group) {
    for (const mismatch of finding.mismatches) {
      const key = `${mismatch.function}.${mismatch.param}`;
      count(details, key);
      if (!examples.has(key)) examples.set(key, `e.g. expected ${JSON.stringify(mismatch.expected[0])}, got ${Object.hasOwn(mismatch, "actual") ? JSON.stringify(mismatch.actual) : "nothing"}`);
    }
    if (finding.confusion) count(details, `called ${finding.confusion.called} instead of ${finding.confusion.expected}`);
    if (finding.kind === "routing-miss") for (const tool of finding.tools) count(details, `${tool} not exposed`);
  }
  return {
    cases: group.length,
    of,
    interval: wilsonInterval(group.length, of),
    examples: group.slice(0, 5).map((finding) => finding.caseId),
    details: [...details.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([line, times]) => `${line}: ${times} case${times === 1 ? "" : "s"}${examples.has(line) ? `, ${examples.get(line)}` : ""}`),
  };
}

function count(counts: Map<string, number>, line: string): void {
  counts.set(line, (counts.get(line) ?? 0) + 1);
}
