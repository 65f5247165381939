// Public surface of the advise room: evaluation reports in, the lever to pull next (prompting, retrieval, routing,
// fine-tuning) out, with evidence and the experiment that would confirm it.
export type { Advice, Recommendation } from "./advice.js";
export { adviseReports, detectReportKind } from "./advise-runs.js";
export type { AdviseInput } from "./diagnose-run.js";
export { formatAdvice } from "./format-advice.js";
