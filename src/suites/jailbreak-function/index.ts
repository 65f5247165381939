// Public surface of the jailbreak-function suite: caller-defined tool attacks against the catalog check, toolChoice guard and moderation.
export { runJailbreakFunction } from "./run-jailbreak-function.js";
export { formatJailbreakTable } from "./format-jailbreak-function.js";
