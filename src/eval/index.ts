// Public surface of the eval room: toolgate's own evaluation — cases, runner, scoring, effects, reports, comparisons (ported benchmarks live in suites/).
export { CaseFileError, cannedResult, defaultCaseClock, evalCaseSchema, expectationKind, loadCaseFile, parseCases, preprocessForLanguage, toBfclParameters, toParametersJsonSchema } from "./cases/index.js";
export type { CaseExpectation, CaseProblem, CaseTool, EvalCase, EvalCaseInput, ExpectationKind, ExpectedCall, FunctionDoc, FunctionLanguage, FunctionTool, GroundTruthCall } from "./cases/index.js";
export { buildCaseTools, caseDigest, openResultCache, progressCounter, runCase, runEvalSuite, scoringVersion } from "./run/index.js";
export type { CacheKey, CaseToolset, EvalProgress, EvalRun, ResultCache, RunCaseOptions, RunEvalSuiteOptions } from "./run/index.js";
export { argumentErrorCode, argumentMismatches, checkerCategory, countErrors, emptyGateStats, gateStats, measureTraces, scoreAnyCall, scoreArguments, scoreDecision, summarizeResults } from "./scoring/index.js";
export type { ArgumentChecker, ArgumentCheckRequest, ArgumentCheckVerdict, ArgumentError, ArgumentErrorCode, ArgumentMismatch, CaseEvidence, ArgumentScore, CaseResult, CaseStatus, DecisionScore, EvalSummary, GateStats, MetricName, MetricSummary, Proportion } from "./scoring/index.js";
export { checkEffects, diffStates, formatStateChange, GroundTruthError, openStateEnvironment, replayCalls } from "./effects/index.js";
export type { EffectCheck, StateChange, StateEnvironment } from "./effects/index.js";
export { barChartSvg, buildEvalReport, createProgressReporter, formatErrorCounts, formatFailures, formatSummaryTable, isEvalReport, renderHtmlReport, renderJunitXml } from "./report/index.js";
export type { EvalReport } from "./report/index.js";
export { checkThresholds, compareProportions, compareRuns, ComparisonInputError, formatComparison, formatThresholdMiss, newcombeInterval, overallCategory, parseThreshold, ThresholdError, toComparableRun, wilsonInterval } from "./compare/index.js";
export type { ComparableRun, Interval, MetricComparison, RunComparison, Threshold, ThresholdMiss } from "./compare/index.js";
