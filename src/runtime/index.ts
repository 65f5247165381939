// Public surface of the runtime room: one configuration (toolgate.yaml) assembled into a governed model, tools and stores.
export { createRuntime } from "./create-runtime.js";
export type { RunCallOptions, Runtime, RuntimeGovernance, RuntimeOptions } from "./create-runtime.js";
export { defaultMaxSteps, isolationModes, runtimeConfigJsonSchema, runtimeConfigSchema, spotlightingModes } from "./config-schema.js";
export type { IsolationMode, RuntimeConfig, SpotlightingMode } from "./config-schema.js";
export { loadRuntimeConfig, parseRuntimeConfig } from "./load-config.js";
export { RuntimeConfigError } from "./runtime-error.js";
export type { RuntimeSetting } from "./runtime-error.js";
export { defaultModelSpec, loadModel } from "./load-model.js";
export { loadTools, resolveDataDir } from "./load-tools.js";
export type { LoadedTools } from "./load-tools.js";
export { checkExamplesUse, loadExamplesFile, routerFor } from "./router.js";
export { defaultAuditUrl, openApprovals, openAuditTrail, openCounters } from "./open-stores.js";
export { mcpPinFile } from "./mcp-servers.js";
