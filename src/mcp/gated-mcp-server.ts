// An MCP server over a tool registry: tools/list shows the registry, every tools/call goes through the gate.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import type { CallRecord, Principal } from "../record/index.js";
import { newTraceId } from "../record/index.js";
import type { Gate } from "../gate/index.js";
import type { TaintTracker } from "../policy/index.js";
import type { RegisteredTool, ToolRegistry } from "../tool/index.js";
import type { ElicitingApprover } from "./eliciting-approver.js";

export interface GatedMcpServerOptions {
  registry: ToolRegistry;
  gate: Gate;
  /** Who the MCP client acts for; handed to the policy with every call. */
  principal?: Principal;
  name?: string;
  version?: string;
  /** The gate's approver, when it is an eliciting one: this session's pending approvals are asked of its client. */
  approvals?: ElicitingApprover;
  /** A taint tracker per session: values read from untrusted tools in this session are followed into its later calls. */
  taint?: () => TaintTracker;
}

/** One MCP server instance (one per connection: the SDK binds a server to one transport). */
export function createGatedMcpServer(options: GatedMcpServerOptions): Server {
  const server = new Server({ name: options.name ?? "toolgate", version: options.version ?? "0.0.0" }, { capabilities: { tools: {} } });
  // Each MCP session is one trace: its calls are numbered like the steps of a run.
  const traceId = `mcp-${newTraceId()}`;
  let step = 0;
  const taint = options.taint?.();
  const detach = options.approvals?.attach(traceId, server, options.principal);
  if (detach) server.onclose = detach;

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: options.registry.tools.map(toMcpTool) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    step += 1;
    const record = await options.gate.handle(
      { id: `mcp-${step}`, name: request.params.name, arguments: JSON.stringify(request.params.arguments ?? {}) },
      {
        traceId,
        step,
        index: 0,
        signal: extra.signal,
        ...(options.principal ? { principal: options.principal } : {}),
        ...(taint ? { taintOf: (args) => taint.taintOf(args), ...(taint.provenanceOf ? { provenanceOf: (tool, args) => taint.provenanceOf!(tool, args) } : {}) } : {}),
      },
    );
    taint?.observe(record);
    return toCallToolResult(record);
  });
  return server;
}

/** The registry's view of a tool in MCP's words: risk becomes the behaviour hints a client shows its user. */
function toMcpTool(tool: RegisteredTool): Tool {
  return {
    name: tool.providerName,
    description: tool.description,
    inputSchema: { type: "object", ...(tool.inputSchema as Record<string, unknown>) } as Tool["inputSchema"],
    annotations: {
      readOnlyHint: tool.risk === "read",
      destructiveHint: tool.risk === "privileged",
      idempotentHint: tool.idempotent,
      openWorldHint: tool.trust === "untrusted",
    },
  };
}

/**
 * A refused or failed call is a tool error (isError), not a protocol error: the model reads why and may try again.
 * The error code leads the text so a client can tell a policy denial from a pending approval from a bad argument.
 */
function toCallToolResult(record: CallRecord): CallToolResult {
  const verdicts = record.verdicts.map(({ stage, outcome, ruleId }) => ({ stage, outcome, ...(ruleId ? { ruleId } : {}) }));
  const meta = { toolgate: { callId: record.id, traceId: record.traceId, status: record.status, verdicts } };
  if (record.outcome.ok) {
    return { content: [{ type: "text", text: JSON.stringify(record.outcome.result) }], _meta: meta };
  }
  const { code, message } = record.outcome.error;
  return { isError: true, content: [{ type: "text", text: `toolgate ${code}: ${message}` }], _meta: meta };
}
