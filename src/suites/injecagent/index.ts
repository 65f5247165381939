// Public surface of InjecAgent through the gate: attacker calls after a poisoned tool response, per attack set.
export { runInjecAgent, injecAgentSets } from "./run-injecagent.js";
export type { InjecAgentSet, InjecAgentSetResult } from "./run-injecagent.js";
export { InjecAgentDataError } from "./injecagent-tools.js";
