// Public surface of ToolEmu's risky actions against the default policy: which need a person, and the misses.
export { runToolEmu, toolEmuCasesPath, ToolEmuDataError } from "./run-toolemu.js";
export type { ToolEmuReport, ToolEmuActionResult, ToolEmuCaseResult, ToolEmuToolVerdict, RunToolEmuOptions } from "./run-toolemu.js";
export { mapRiskyAction } from "./toolemu-actions.js";
export type { ActionMapping } from "./toolemu-actions.js";
export { formatToolEmuReport } from "./format-toolemu.js";
