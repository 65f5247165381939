// Public surface of the mcp room: toolgate as a governed MCP server, and external MCP servers' tools brought under the gate.
export { createGatedMcpServer, toCallToolResult, toMcpTool } from "./gated-mcp-server.js";
export type { GatedMcpServerOptions } from "./gated-mcp-server.js";
export { serveMcpHttp, serveMcpStdio } from "./serve-mcp.js";
export type { McpHttpOptions, McpHttpServer } from "./serve-mcp.js";
export { elicitingApprover } from "./eliciting-approver.js";
export { lineDiff } from "./definition-diff.js";
export type { ElicitingApprover, ElicitingApproverOptions } from "./eliciting-approver.js";
export { connectMcpBridge, McpBridgeError, riskAndTrustOf } from "./mcp-bridge.js";
export type { McpBridge, McpBridgeOptions, McpServerEntry } from "./mcp-bridge.js";
