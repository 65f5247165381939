// Public surface of the eval room: toolgate's own evaluation — cases, runner, scoring, effects, reports, comparisons (ported benchmarks live in suites/).
export { CaseFileError, evalCaseSchema, loadCaseFile, parseCases, toParametersJsonSchema } from "./cases/index.js";
export type { CaseExpectation, CaseTool, EvalCase, EvalCaseInput, ExpectedCall, FunctionTool } from "./cases/index.js";
export { openResultCache, progressCounter, runCase, runEvalSuite } from "./run/index.js";
export type { CacheKey, EvalProgress, EvalRun, ResultCache, RunCaseOptions, RunEvalSuiteOptions } from "./run/index.js";
export { emptyGateStats, measureTraces, scoreArguments, scoreDecision, summarizeResults } from "./scoring/index.js";
export type { ArgumentChecker, ArgumentCheckRequest, ArgumentCheckVerdict, ArgumentMismatch, CaseResult, EvalSummary, MetricName, MetricSummary, Proportion } from "./scoring/index.js";
export { checkEffects, openStateEnvironment } from "./effects/index.js";
export type { EffectCheck, StateEnvironment } from "./effects/index.js";
export { buildEvalReport, createProgressReporter, formatErrorCounts, formatFailures, formatSummaryTable, isEvalReport, renderHtmlReport, renderJunitXml } from "./report/index.js";
export type { EvalReport } from "./report/index.js";
export { checkThresholds, compareProportions, compareRuns, ComparisonInputError, formatComparison, formatThresholdMiss, overallCategory, parseThreshold, ThresholdError, toComparableRun, wilsonInterval } from "./compare/index.js";
export type { ComparableRun, Interval, RunComparison, Threshold, ThresholdMiss } from "./compare/index.js";
