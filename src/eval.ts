// toolgate/eval: evaluate function calling through the gate — case files, the runner, scoring, state effects, reports and run comparisons.
export { loadCaseFile, parseCases, evalCaseSchema, CaseFileError } from "./eval/index.js";
export type { CaseExpectation, CaseTool, EvalCase, EvalCaseInput, ExpectedCall } from "./eval/index.js";
export { runEvalSuite, runCase, openResultCache } from "./eval/index.js";
export type { EvalProgress, EvalRun, ResultCache, RunCaseOptions, RunEvalSuiteOptions } from "./eval/index.js";
export { summarizeResults, scoreDecision, scoreArguments } from "./eval/index.js";
export type { ArgumentChecker, CaseResult, EvalSummary, MetricSummary, Proportion } from "./eval/index.js";
export { checkEffects, openStateEnvironment } from "./eval/index.js";
export type { EffectCheck, StateEnvironment } from "./eval/index.js";
export { buildEvalReport, renderHtmlReport, renderJunitXml, formatSummaryTable } from "./eval/index.js";
export type { EvalReport } from "./eval/index.js";
export { compareRuns, formatComparison, checkThresholds, parseThreshold, wilsonInterval } from "./eval/index.js";
export type { RunComparison, Threshold, ThresholdMiss } from "./eval/index.js";
