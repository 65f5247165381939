// Public surface of InjecAgent through the gate: attacker calls after a poisoned tool response, per attack set.
export { runInjecAgent } from "./run-injecagent.js";
export type { InjecAgentSetResult } from "./run-injecagent.js";
export { InjecAgentDataError } from "./injecagent-tools.js";
