// Public surface of eval scoring: decisions, the argument error taxonomy, gate interventions and summaries.
export { scoreAnyCall, scoreDecision } from "./decision.js";
export type { DecisionScore } from "./decision.js";
export { emptyGateStats, rejectedCount } from "./gate-stats.js";
export { measureTraces } from "./measure-traces.js";
export type { ArgumentMismatch, ArgumentScore, CaseResult } from "./case-result.js";
export { argumentMismatches } from "./argument-evidence.js";
export { metricNames, summarizeResults } from "./summarize.js";
export type { EvalSummary, MetricName, MetricSummary, Proportion } from "./summarize.js";
export { checkerCategory, scoreArguments } from "./argument-check.js";
export type { ArgumentChecker, ArgumentCheckRequest, ArgumentCheckVerdict } from "./argument-check.js";
export { countErrors } from "./count-errors.js";
