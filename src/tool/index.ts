// Public surface of the tool room.
export type { ArgumentValidator, CapabilityArea, RegisteredTool, ToolContext, ToolDefinition, ToolTrust } from "./types.js";
export { defineTool } from "./define-tool.js";
export { createToolRegistry } from "./registry.js";
export type { ToolRegistry, ToolRegistryOptions } from "./registry.js";
export { toJsonSchema } from "./json-schema.js";
export { toProviderSchema } from "./provider-dialects.js";
export type { SchemaDialect } from "./provider-dialects.js";
export { toProviderName } from "./provider-name.js";
export { toolDefinitionDigest } from "./digest.js";
