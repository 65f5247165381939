// The `mcp:` entries of toolgate.yaml: each external MCP server's tools imported through the bridge, pinned on disk so a changed definition is denied in every later run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { McpBridge, McpServerEntry } from "../mcp/index.js";
import type { PinFile, Policy } from "../policy/index.js";
import { parsePinFile, PinFileError } from "../policy/index.js";
import type { CapabilityArea, ToolRegistry } from "../tool/index.js";
import type { SettingLabel } from "./runtime-error.js";
import { RuntimeConfigError } from "./runtime-error.js";

export interface McpServers {
  /** The catalog's tools followed by every server's, as one live registry. */
  registry: ToolRegistry;
  /** `inner` behind each server's pins: a call to a tool whose definition changed since it was pinned is denied. */
  policy(inner: Policy): Policy;
  close(): Promise<void>;
}

/** Where a server's pins live: one file per server under the data directory, written on first import. */
export function mcpPinFile(dataDir: string, server: string): string {
  return join(dataDir, "mcp-pins", `${server.replace(/[^\w.-]/g, "_")}.json`);
}

export async function connectMcpServers(entries: readonly McpServerEntry[], catalog: ToolRegistry, options: { dataDir: string; label: SettingLabel }): Promise<McpServers> {
  const { connectMcpBridge, McpBridgeError } = await import("../mcp/index.js");
  const bridges: McpBridge[] = [];
  const closeAll = async () => {
    for (const bridge of bridges.splice(0)) await bridge.close().catch(() => undefined);
  };
  try {
    for (const entry of entries) {
      const file = mcpPinFile(options.dataDir, entry.name);
      const pins = existsSync(file) ? readPins(file, options.label) : undefined;
      let bridge: McpBridge;
      try {
        bridge = await connectMcpBridge(entry, { ...(pins ? { pins } : {}), pinnedBy: `first import (${file})` });
      } catch (error) {
        throw error instanceof McpBridgeError ? new RuntimeConfigError("mcp", `${options.label("mcp")}: ${error.message}`, { cause: error }) : error;
      }
      bridges.push(bridge);
      // First-import pins (and tools first seen now) are kept, so the next run judges the server against them.
      mkdirSync(join(options.dataDir, "mcp-pins"), { recursive: true });
      writeFileSync(file, `${JSON.stringify(bridge.pins, null, 2)}\n`);
    }
    const parts = [catalog, ...bridges.map((bridge) => bridge.registry)];
    checkNamesApart(parts, entries, options.label);
    return {
      registry: composedRegistry(parts),
      policy: (inner) => bridges.reduce((policy, bridge) => bridge.policy(policy), inner),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function readPins(file: string, label: SettingLabel): PinFile {
  try {
    return parsePinFile(readFileSync(file, "utf8"), file);
  } catch (error) {
    if (error instanceof PinFileError) throw new RuntimeConfigError("mcp", `${label("mcp")}: ${error.message}`, { cause: error });
    throw error;
  }
}

function checkNamesApart(parts: readonly ToolRegistry[], entries: readonly McpServerEntry[], label: SettingLabel): void {
  const owner = new Map<string, string>();
  parts.forEach((part, index) => {
    const source = index === 0 ? "the tools catalog" : `mcp server ${entries[index - 1]!.name}`;
    for (const tool of part.tools) {
      const earlier = owner.get(tool.name);
      if (earlier !== undefined) {
        throw new RuntimeConfigError("mcp", `${label("mcp")}: ${source} has a tool named ${tool.name}, as ${earlier} does; give the server a prefix (prefix: ${entries[index - 1]?.name ?? "x"}_)`);
      }
      owner.set(tool.name, source);
    }
  });
}

/** Several registries read as one, live: a server's re-listed tools show through. */
function composedRegistry(parts: readonly ToolRegistry[]): ToolRegistry {
  const areas = (): CapabilityArea[] => {
    const seen = new Map<string, CapabilityArea>();
    for (const part of parts) for (const area of part.areas) if (!seen.has(area.name)) seen.set(area.name, area);
    return [...seen.values()];
  };
  return {
    get tools() {
      return parts.flatMap((part) => part.tools);
    },
    get areas() {
      return areas();
    },
    get: (name) => {
      for (const part of parts) {
        const tool = part.get(name);
        if (tool) return tool;
      }
      return undefined;
    },
    specs: (filter) => parts.flatMap((part) => part.specs(filter)),
    subset: (filter) => composedRegistry(parts.map((part) => part.subset(filter))),
  };
}
