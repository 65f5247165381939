// Public surface of the suites room for library users: every ported benchmark (the CLI imports each suite's own index, so a command loads only its suite).
export * from "./bfcl/checker/index.js";
export * from "./bfcl/runner/index.js";
export * from "./agentdojo/index.js";
export * from "./defence-setups/index.js";
export * from "./injecagent/index.js";
export * from "./jailbreak-function/index.js";
export * from "./toolemu/index.js";
export * from "./transforms/index.js";
