// Public surface of ToolEmu's risky actions against the default policy: which need a person, and the misses.
export { runToolEmu, ToolEmuDataError } from "./run-toolemu.js";
export { formatToolEmuReport } from "./format-toolemu.js";
