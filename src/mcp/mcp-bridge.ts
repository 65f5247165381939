// The client bridge: an external MCP server's tools imported into a registry under the gate — scanned, pinned on first import, and refused once their definition changes (rug pull) until a person re-approves.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import type { JsonSchema, RiskLevel } from "../record/index.js";
import type { PinCheck, PinFile, Policy, ScanFinding } from "../policy/index.js";
import { createPinningPolicy, pinCatalog, scanToolDefinitions, verifyPins } from "../policy/index.js";
import type { ToolDefinition, ToolRegistry, ToolTrust } from "../tool/index.js";
import { createToolRegistry } from "../tool/index.js";

/** One `mcp:` entry of the configuration: how to reach the server, and what the operator says about its tools. */
export interface McpServerEntry {
  /** Names the server in errors and becomes the tools' capability area. */
  name: string;
  /** A server toolgate spawns and speaks to over stdio. */
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  /** A streamable HTTP endpoint. */
  url?: string;
  /** Put before every imported tool's name, to keep two servers' tools apart. */
  prefix?: string;
  /** Per tool (by the server's name for it): risk and trust that win over the server's annotations. */
  overrides?: Record<string, { risk?: RiskLevel; trust?: ToolTrust }>;
}

export interface McpBridgeOptions {
  /** Pins from an earlier import (a pin file); tools the server lists that are not in it are pinned on first sight. */
  pins?: PinFile;
  /** Who approved the first-import pins. */
  pinnedBy?: string;
  /** Hosts the scanner accepts in URLs inside definitions. */
  knownHosts?: readonly string[];
  /** Told after every re-list (a list_changed notification or refresh()): what is as pinned, changed, new or gone. */
  onDefinitionsChanged?: (checks: PinCheck[]) => void;
  now?: () => Date;
}

export interface McpBridge {
  /** A live view: after a re-list it answers with the server's current definitions (which the pins then judge). */
  readonly registry: ToolRegistry;
  /** The approved definitions; re-approval updates this same object, so policies built over it see the change. */
  readonly pins: PinFile;
  /** Scanner findings of the latest listing; a tool with a high-severity finding is never pinned automatically. */
  readonly findings: readonly ScanFinding[];
  /** `inner` behind the pins: calls to a tool whose definition is not the approved one are denied (`pinning:changed`). */
  policy(inner: Policy): Policy;
  /** Lists the tools again and reports how they compare with the pins. */
  refresh(): Promise<PinCheck[]>;
  /** A person accepts the current definitions of `tools` (all when omitted). */
  approve(by: string, tools?: readonly string[]): void;
  close(): Promise<void>;
}

export class McpBridgeError extends Error {
  override readonly name = "McpBridgeError";
}

export async function connectMcpBridge(entry: McpServerEntry, options: McpBridgeOptions = {}): Promise<McpBridge> {
  const where = `mcp server ${entry.name}`;
  if (Boolean(entry.command) === Boolean(entry.url)) throw new McpBridgeError(`${where}: give exactly one of command or url`);
  const client = new Client({ name: "toolgate-bridge", version: "1.0.0" });
  let transport: Transport;
  if (entry.command) {
    transport = new StdioClientTransport({ command: entry.command, args: entry.args ?? [], ...(entry.env ? { env: entry.env } : {}), stderr: "inherit" });
  } else {
    let url: URL;
    try {
      url = new URL(entry.url!);
    } catch (error) {
      throw new McpBridgeError(`${where}: url ${entry.url} is not a URL`, { cause: error });
    }
    transport = new StreamableHTTPClientTransport(url);
  }
  try {
    await client.connect(transport);
  } catch (error) {
    throw new McpBridgeError(`${where}: cannot connect (${entry.command ? `command ${entry.command}` : `url ${entry.url}`}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const now = options.now ?? (() => new Date());
  const pins: PinFile = options.pins ?? { version: 1, tools: {} };
  let current: ToolRegistry = createToolRegistry({ tools: [] });
  let findings: ScanFinding[] = [];
  let listing: Promise<PinCheck[]> | undefined;

  const list = async (): Promise<PinCheck[]> => {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    current = createToolRegistry({ tools: tools.map((tool) => bridgedTool(tool, entry, client)), areas: [{ name: entry.name, description: `tools of the MCP server ${entry.name}` }] });
    findings = scanToolDefinitions(current.tools, { ...(options.knownHosts ? { knownHosts: options.knownHosts } : {}) });
    return verifyPins(current, pins);
  };

  // First import: every tool not yet pinned and without a high-severity finding is trusted as it is now.
  const firstChecks = await list();
  const flagged = new Set(findings.filter((finding) => finding.severity === "high").map((finding) => finding.tool));
  const firstSeen = firstChecks.filter((check) => check.status === "unpinned" && !flagged.has(check.tool)).map((check) => check.tool);
  pinTools(firstSeen, options.pinnedBy ?? "first import");

  function pinTools(names: readonly string[], by: string) {
    const chosen = new Set(names);
    const fresh = pinCatalog({ tools: current.tools.filter((tool) => chosen.has(tool.name)) }, { pinnedBy: by, now });
    Object.assign(pins.tools, fresh.tools);
  }

  const relist = () => {
    // Notifications can arrive in bursts; one listing at a time, and the latest one wins.
    listing = (listing ?? Promise.resolve([])).catch(() => []).then(list);
    return listing.then((checks) => {
      options.onDefinitionsChanged?.(checks);
      return checks;
    });
  };
  client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
    await relist();
  });

  const registry: ToolRegistry = {
    get tools() {
      return current.tools;
    },
    get areas() {
      return current.areas;
    },
    get: (name) => current.get(name),
    specs: (filter) => current.specs(filter),
    subset: (filter) => current.subset(filter),
  };

  return {
    registry,
    pins,
    get findings() {
      return findings;
    },
    policy: (inner) => createPinningPolicy(pins, inner, { registry }),
    refresh: relist,
    approve(by, tools) {
      pinTools(tools ?? current.tools.map((tool) => tool.name), by);
    },
    close: () => client.close(),
  };
}

/**
 * MCP's behaviour hints as toolgate's risk and trust. The spec's defaults are the cautious ones (a tool that does not
 * say otherwise may be destructive and may reach an open world), so a tool without annotations is privileged and its
 * results untrusted until the operator overrides that.
 */
export function riskAndTrustOf(tool: Pick<Tool, "annotations">, override: { risk?: RiskLevel; trust?: ToolTrust } = {}): { risk: RiskLevel; trust: ToolTrust } {
  const hints = tool.annotations ?? {};
  const risk: RiskLevel = hints.readOnlyHint === true ? "read" : hints.destructiveHint === false ? "write" : "privileged";
  const trust: ToolTrust = hints.openWorldHint === false ? "trusted" : "untrusted";
  return { risk: override.risk ?? risk, trust: override.trust ?? trust };
}

function bridgedTool(tool: Tool, entry: McpServerEntry, client: Client): ToolDefinition {
  const { risk, trust } = riskAndTrustOf(tool, entry.overrides?.[tool.name]);
  // The dialect marker is the SDK's, not the tool's: Ajv compiles the schema body.
  const { $schema: _dialect, ...input } = tool.inputSchema as Record<string, unknown>;
  return {
    name: `${entry.prefix ?? ""}${tool.name}`,
    description: tool.description ?? "",
    area: entry.name,
    risk,
    trust,
    idempotent: tool.annotations?.idempotentHint === true,
    input: input as JsonSchema,
    async execute(args, context) {
      const result = (await client.callTool({ name: tool.name, arguments: args as Record<string, unknown> }, undefined, { signal: context.signal })) as CallToolResult;
      const text = result.content
        .filter((part): part is { type: "text"; text: string } => part.type === "text")
        .map((part) => part.text)
        .join("\n");
      if (result.isError) throw new Error(`${entry.name} answered with an error: ${text || "(no message)"}`);
      return result.structuredContent ?? text;
    },
  };
}
