// The advisor: reads evaluation reports and says which lever to pull next, with the evidence. The last report is the
// run advised on; earlier reports of the same suite tell whether a lever was already tried without effect. Routing
// benchmarks, attack suites and dataset reports given beside them add their own findings (adviseReports).
import type { EvalReport } from "../eval/index.js";
import { isEvalReport } from "../eval/index.js";
import type { Advice, FindingKind, Recommendation, RunOverview } from "./advice.js";
import type { AdviseInput } from "./diagnose-run.js";
import { diagnoseRun } from "./diagnose-run.js";
import { escalatePersistent } from "./escalate.js";
import type { SideReport, SideReportKind } from "./side-reports.js";
import { adviseSideReports, detectSideReportKind } from "./side-reports.js";

export type ReportKind = "eval" | SideReportKind;

/** A report of any kind the advisor reads, recognised by its shape; undefined when it is none of them. */
export function detectReportKind(value: unknown): ReportKind | undefined {
  return isEvalReport(value) ? "eval" : detectSideReportKind(value);
}

/**
 * Advice from reports of any kind (eval runs, routing benchmarks, attack suites, dataset reports), in any order.
 * Attacks that get through come first (a leak outranks a wrong answer); then the eval runs' advice, with leaking or
 * broken training rows put before a fine-tuning step (they must be fixed first); then routing and dataset findings.
 */
export function adviseReports(inputs: ReadonlyArray<{ label: string; report: unknown }>): Advice {
  const evalInputs: AdviseInput[] = [];
  const side: SideReport[] = [];
  const notes: string[] = [];
  for (const input of inputs) {
    const kind = detectReportKind(input.report);
    if (kind === "eval") evalInputs.push({ label: input.label, report: input.report as EvalReport });
    else if (kind) side.push({ label: input.label, kind, report: input.report as Record<string, unknown> });
    else throw new RangeError(`${input.label}: not a report the advisor reads (an eval run's report.json, bench:route --json, eval security --json, dataset verify|dedupe|leakage --json, or a bundle's manifest.json)`);
  }
  const base: Advice = evalInputs.length > 0 ? adviseRuns(evalInputs) : { runs: [], recommendations: [], unexplained: [], notes: [] };
  const evalFindings = new Set<FindingKind>(base.recommendations.map((recommendation) => recommendation.finding).filter((finding): finding is FindingKind => finding !== "healthy"));
  const first = base.recommendations[0];
  const sideAdvice = adviseSideReports(side, { fineTuning: first?.lever === "fine-tuning", evalFindings });
  const acting = base.recommendations.filter((recommendation) => recommendation.lever !== "none");
  const resting = base.recommendations.filter((recommendation) => recommendation.lever === "none");
  // Blockers go right before the first fine-tuning step; with none, after the eval advice with the other data findings.
  const tuneAt = acting.findIndex((recommendation) => recommendation.lever === "fine-tuning");
  const withBlockers: Recommendation[] = tuneAt >= 0 ? [...acting.slice(0, tuneAt), ...sideAdvice.blockers, ...acting.slice(tuneAt)] : [...acting];
  const recommendations = [
    ...sideAdvice.security,
    ...withBlockers,
    ...sideAdvice.routing,
    ...(tuneAt >= 0 ? [] : sideAdvice.blockers),
    ...sideAdvice.dataset,
    ...(side.length > 0 && sideAdvice.security.length + sideAdvice.routing.length + sideAdvice.blockers.length + sideAdvice.dataset.length > 0 ? [] : resting),
  ];
  notes.push(...base.notes, ...sideAdvice.notes);
  if (evalInputs.length === 0 && side.length > 0) notes.push("no evaluation report given: the advice rests on the other reports alone");
  return { ...base, recommendations, notes };
}

export function adviseRuns(inputs: readonly AdviseInput[]): Advice {
  const latest = inputs.at(-1);
  if (!latest) throw new RangeError("the advisor needs at least one evaluation report");
  const diagnosis = diagnoseRun(latest);
  const earlier = inputs.slice(0, -1).filter((input) => input.report.suite === latest.report.suite).map(diagnoseRun);
  const recommendations = escalatePersistent(diagnosis, earlier);
  const notes = [...diagnosis.notes];
  const skipped = inputs.slice(0, -1).filter((input) => input.report.suite !== latest.report.suite);
  if (skipped.length > 0) notes.push(`not compared (another suite than ${latest.report.suite}): ${skipped.map((input) => input.label).join(", ")}`);
  return { runs: inputs.map(overview), recommendations, unexplained: diagnosis.unexplained, notes };
}

function overview(input: AdviseInput): RunOverview {
  const results = input.report.results;
  return {
    label: input.label,
    suite: input.report.suite,
    model: input.report.model,
    cases: results.length,
    passed: results.filter((result) => result.status === "passed").length,
    failed: results.filter((result) => result.status === "failed").length,
    errors: results.filter((result) => result.status === "error").length,
  };
}
