// Public surface of the security suites: AgentDojo ports and InjecAgent, run through the gate under each defence.
export { agentDojoSuiteNames, loadAgentDojoEnvironment, loadAgentDojoTasks, loadAgentDojoTools, AgentDojoDataError } from "./agentdojo-data.js";
export type { AgentDojoSuiteName, AgentDojoTask } from "./agentdojo-data.js";
export { bankingPort } from "./agentdojo-banking.js";
export type { SuitePort, ToolClassification } from "./suite-port.js";
export { defenceNames, defenceSetup, parseDefenceList, UnknownDefenceError } from "./defences.js";
export type { DefenceKit, DefenceName, DefenceSetup } from "./defences.js";
export { availableDefenceKit } from "./available-defences.js";
export { runAgentDojoSuite, AgentDojoRunError } from "./run-agentdojo.js";
export type { AgentDojoDefenceResult, AgentDojoPairResult, RunAgentDojoOptions } from "./run-agentdojo.js";
export { runInjecAgent, injecAgentSets } from "./run-injecagent.js";
export type { InjecAgentSet, InjecAgentSetResult } from "./run-injecagent.js";
export { InjecAgentDataError } from "./injecagent-tools.js";
export { formatAgentDojoTable, formatInjecAgentTable } from "./format-security.js";
export { evaluatePythonArgs, PythonArgsError } from "./python-args.js";
