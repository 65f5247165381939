// Public surface of BFCL suites in `eval run`: BFCL questions as cases, multi-turn entries in sessions, BFCL-format result files, and their scoring.
export {
  BfclSuiteError,
  bfclSuiteGroups,
  isBfclSuite,
  isMultiTurnBfclCategory,
  multiTurnBfclCategories,
  parseBfclSuite,
  runnableBfclCategories,
  singleTurnBfclCategories,
} from "./bfcl-suite-name.js";
export { agenticBfclCategories, agenticRefusal } from "./agentic-categories.js";
export { bfclModelName } from "./bfcl-model-name.js";
export { loadBfclCases } from "./load-bfcl-cases.js";
export type { BfclCases } from "./load-bfcl-cases.js";
export { bfclResultLine, writeBfclResults } from "./write-bfcl-results.js";
export type { BfclResultLine } from "./write-bfcl-results.js";
export { runBfclSuite } from "./run-bfcl-suite.js";
export type { BfclSuiteRun, RunBfclSuiteOptions } from "./run-bfcl-suite.js";
export { bfclScoreSummary } from "./bfcl-score-summary.js";
export type { BfclScoreSummary } from "./bfcl-score-summary.js";
export { createMultiTurnEnvironment, MultiTurnToolError } from "./multi-turn-environment.js";
export type { MultiTurnEnvironment, MultiTurnEnvironmentOptions } from "./multi-turn-environment.js";
export { additionalFunctionPrompt, maximumStepLimit, runMultiTurnEntry } from "./multi-turn-entry.js";
export type { MultiTurnEntryRun, RunMultiTurnEntryOptions } from "./multi-turn-entry.js";
export { loadMultiTurnEntries, runMultiTurnSuite } from "./multi-turn-suite.js";
export type { MultiTurnEntries, MultiTurnSuiteRun, RunMultiTurnSuiteOptions } from "./multi-turn-suite.js";
export { functionDocsFor, loadMultiTurnFunctionDocs } from "./multi-turn-function-docs.js";
export type { MultiTurnFunctionDoc, MultiTurnFunctionDocs } from "./multi-turn-function-docs.js";
export { inferenceErrorLine, writeMultiTurnResults } from "./multi-turn-result-file.js";
export type { MultiTurnResultLine, MultiTurnStep } from "./multi-turn-result-file.js";
export { applyBfclVerdicts, judgeMultiTurnEntry } from "./multi-turn-verdicts.js";
export { bfclArgumentChecker } from "./bfcl-argument-checker.js";
export type { BfclEntrySource } from "./bfcl-argument-checker.js";
