// Public surface of the AgentDojo port: the four suites in TypeScript, their data, and the compromised-model harness through the gate.
export { agentDojoSuiteNames, loadAgentDojoEnvironment, loadAgentDojoTasks, loadAgentDojoTools, AgentDojoDataError } from "./data.js";
export type { AgentDojoSuiteName, AgentDojoTask } from "./data.js";
export { bankingPort } from "./banking.js";
export { slackPort } from "./slack.js";
export { travelPort } from "./travel/index.js";
export { workspacePort } from "./workspace/index.js";
export { agentDojoPorts } from "./ports.js";
export type { SuitePort, ToolClassification } from "./suite-port.js";
export { runAgentDojoSuite, AgentDojoRunError } from "./run-agentdojo.js";
export type { AgentDojoDefenceResult, AgentDojoPairResult, RunAgentDojoOptions } from "./run-agentdojo.js";
export { evaluatePythonArgs, PythonArgsError } from "./python-args.js";
