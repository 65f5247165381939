// Public surface of the advise room: evaluation reports in, the lever to pull next (prompting, retrieval, routing,
// fine-tuning) out, with evidence and the experiment that would confirm it.
export { findingKinds, levers } from "./advice.js";
export type { Advice, Evidence, Experiment, FindingKind, Lever, Recommendation, RunOverview } from "./advice.js";
export { adviseReports, adviseRuns, detectReportKind } from "./advise-runs.js";
export type { ReportKind } from "./advise-runs.js";
export { adviseSideReports, detectSideReportKind } from "./side-reports.js";
export type { SideAdvice, SideContext, SideReport, SideReportKind } from "./side-reports.js";
export { diagnoseRun } from "./diagnose-run.js";
export type { AdviseInput, RunDiagnosis } from "./diagnose-run.js";
export { classifyCase, classifyMismatch, sameContent } from "./classify-case.js";
export type { CaseFinding } from "./classify-case.js";
export { detectCrowding } from "./crowding.js";
export type { Crowding, SizedOutcome } from "./crowding.js";
export { datasetRecipe } from "./dataset-recipe.js";
export { formatAdvice } from "./format-advice.js";
