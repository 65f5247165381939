// Public surface of the mcp room: toolgate as a governed MCP server, and external MCP servers' tools brought under the gate.
export { createGatedMcpServer, toCallToolResult, toMcpTool } from "./gated-mcp-server.js";
export type { GatedMcpServerOptions } from "./gated-mcp-server.js";
export { serveMcpHttp, serveMcpStdio } from "./serve-mcp.js";
export type { McpHttpServer } from "./serve-mcp.js";
export { connectMcpBridge, McpBridgeError, riskAndTrustOf } from "./mcp-bridge.js";
export type { McpBridge, McpBridgeOptions, McpServerEntry } from "./mcp-bridge.js";
