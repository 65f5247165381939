// Public surface of the eval runner: suites of cases through the model and the gate, cached and resumable.
export { runEvalSuite } from "./run-eval-suite.js";
export type { EvalRun, RunEvalSuiteOptions } from "./run-eval-suite.js";
export { progressCounter } from "./eval-progress.js";
export type { EvalProgress } from "./eval-progress.js";
export { runCase } from "./run-case.js";
export type { RunCaseOptions } from "./run-case.js";
export { openResultCache } from "./result-cache.js";
export type { CacheKey, ResultCache } from "./result-cache.js";
