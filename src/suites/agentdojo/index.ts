// Public surface of the AgentDojo port: the four suites in TypeScript, their data, and the compromised-model harness through the gate.
export { agentDojoSuiteNames, AgentDojoDataError } from "./data.js";
export type { AgentDojoSuiteName } from "./data.js";
export { agentDojoPorts } from "./ports.js";
export { runAgentDojoSuite, AgentDojoRunError } from "./run-agentdojo.js";
export type { AgentDojoDefenceResult } from "./run-agentdojo.js";
