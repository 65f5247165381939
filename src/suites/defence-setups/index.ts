// Public surface of the defence set-ups the security suites run under (none, all, each switched off) and their tables.
export { defenceSetup, parseDefenceList, UnknownDefenceError } from "./defences.js";
export { availableDefenceKit } from "./available-defences.js";
export { formatAgentDojoTable, formatInjecAgentTable } from "./format-security.js";
