// Public surface of BFCL suites in `eval run`: BFCL questions as cases, multi-turn entries in sessions, BFCL-format result files, and their scoring.
export { BfclSuiteError, isMultiTurnBfclCategory, parseBfclSuite } from "./bfcl-suite-name.js";
export { runBfclSuite } from "./run-bfcl-suite.js";
export { bfclScoreSummary } from "./bfcl-score-summary.js";
export { runMultiTurnEntry } from "./multi-turn-entry.js";
export { loadMultiTurnEntries } from "./multi-turn-suite.js";
export { bfclArgumentChecker } from "./bfcl-argument-checker.js";
