// Public surface of the mcp room: toolgate as a governed MCP server, and external MCP servers' tools brought under the gate.
export { createGatedMcpServer } from "./gated-mcp-server.js";
export { serveMcpHttp, serveMcpStdio } from "./serve-mcp.js";
export type { McpHttpServer } from "./serve-mcp.js";
export { elicitingApprover } from "./eliciting-approver.js";
export { lineDiff } from "./definition-diff.js";
export { connectMcpBridge, McpBridgeError, riskAndTrustOf } from "./mcp-bridge.js";
export type { McpBridge, McpServerEntry } from "./mcp-bridge.js";
