// Public surface of BFCL suites in `eval run`: BFCL questions as cases, BFCL-format result files, and their scoring.
export { BfclSuiteError, bfclSuiteGroups, isBfclSuite, parseBfclSuite, runnableBfclCategories } from "./bfcl-suite-name.js";
export { bfclModelName } from "./bfcl-model-name.js";
export { loadBfclCases } from "./load-bfcl-cases.js";
export type { BfclCases } from "./load-bfcl-cases.js";
export { bfclResultLine, writeBfclResults } from "./write-bfcl-results.js";
export type { BfclResultLine } from "./write-bfcl-results.js";
export { runBfclSuite } from "./run-bfcl-suite.js";
export type { BfclSuiteRun, RunBfclSuiteOptions } from "./run-bfcl-suite.js";
export { bfclScoreSummary } from "./bfcl-score-summary.js";
export type { BfclScoreSummary } from "./bfcl-score-summary.js";
