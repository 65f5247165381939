// Public surface of the eval room: BFCL-compatible scoring today; suites, runners and comparisons add their lines here.
export * from "./bfcl/index.js";
export { CaseFileError, cannedResult, defaultCaseClock, evalCaseSchema, expectationKind, loadCaseFile, parseCases, preprocessForLanguage, toBfclParameters, toParametersJsonSchema } from "./cases/index.js";
export type { CaseExpectation, CaseProblem, CaseTool, EvalCase, EvalCaseInput, ExpectationKind, ExpectedCall, FunctionDoc, FunctionLanguage, FunctionTool, GroundTruthCall } from "./cases/index.js";
export { buildCaseTools, caseDigest, openResultCache, runCase, runEvalSuite, scoringVersion } from "./run/index.js";
export type { CacheKey, CaseToolset, EvalProgress, EvalRun, ResultCache, RunCaseOptions, RunEvalSuiteOptions } from "./run/index.js";
export { argumentErrorCode, bfclArgumentChecker, checkerCategory, countErrors, gateStats, scoreAnyCall, scoreArguments, scoreDecision, summarizeResults } from "./scoring/index.js";
export type { ArgumentChecker, ArgumentCheckRequest, ArgumentCheckVerdict, ArgumentError, ArgumentErrorCode, ArgumentScore, CaseResult, CaseStatus, DecisionScore, EvalSummary, GateStats, MetricSummary, Proportion } from "./scoring/index.js";
export { checkEffects, diffStates, formatStateChange, GroundTruthError, openStateEnvironment, replayCalls } from "./effects/index.js";
export type { EffectCheck, StateChange, StateEnvironment } from "./effects/index.js";
export { barChartSvg, buildEvalReport, createProgressReporter, formatSummaryTable, isEvalReport, renderHtmlReport, renderJunitXml } from "./report/index.js";
export type { EvalReport } from "./report/index.js";
export { checkThresholds, compareProportions, compareRuns, formatComparison, newcombeInterval, parseThreshold, toComparableRun, wilsonInterval } from "./compare/index.js";
export type { ComparableRun, Interval, MetricComparison, RunComparison, Threshold, ThresholdMiss } from "./compare/index.js";
export { bfclModelName, bfclScoreSummary, loadBfclCases, parseBfclSuite, runBfclSuite, runnableBfclCategories, writeBfclResults } from "./bfcl-suite/index.js";
export type { BfclResultLine, BfclScoreSummary, BfclSuiteRun, RunBfclSuiteOptions } from "./bfcl-suite/index.js";
