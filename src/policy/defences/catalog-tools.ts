// Refuses tool definitions a caller sends with a request: only catalog tools, as the catalog defines them, may be offered.
import { canonicalJson, type ToolSpec } from "../../record/index.js";
import type { ToolRegistry } from "../../tool/index.js";

export class ToolAllowlistError extends Error {
  override readonly name = "ToolAllowlistError";
  constructor(
    message: string,
    readonly tool: string,
  ) {
    super(message);
  }
}

export interface CatalogToolsOptions {
  /** Narrows the catalog further: only these names may be requested. Absent: every registered tool. */
  toolAllowlist?: readonly string[];
}

/**
 * A request (from a gateway client, a chat UI) may name tools to offer, but never define them: a caller-supplied
 * definition is how a "jailbreak function" gets in (a tool whose description is itself the attack). Names are looked up
 * in the registry; a spec that differs from the catalog's definition is refused, not merged. Returns the narrowed registry.
 */
export function assertCatalogTools(registry: ToolRegistry, requested: ReadonlyArray<string | ToolSpec>, options: CatalogToolsOptions = {}): ToolRegistry {
  const allowlist = options.toolAllowlist ? new Set(options.toolAllowlist) : undefined;
  const names = new Set<string>();
  for (const entry of requested) {
    const name = typeof entry === "string" ? entry : entry.name;
    const tool = registry.get(name);
    if (!tool) {
      throw new ToolAllowlistError(`the request offers a tool ${name} that is not in the catalog; caller-supplied tool definitions are refused — register it with createToolRegistry, or remove it from the request`, name);
    }
    if (allowlist && !allowlist.has(tool.name) && !allowlist.has(tool.providerName)) {
      throw new ToolAllowlistError(`the request offers ${tool.name}, which is not in the tool allowlist; add it to toolAllowlist or remove it from the request`, tool.name);
    }
    if (typeof entry !== "string") {
      const differs = entry.description !== tool.description ? "description" : canonicalJson(entry.inputSchema) !== canonicalJson(tool.inputSchema) ? "inputSchema" : undefined;
      if (differs) {
        throw new ToolAllowlistError(`the request redefines ${tool.name} (its ${differs} differs from the catalog); send tool names only, the catalog supplies the definitions`, tool.name);
      }
    }
    names.add(tool.name);
  }
  return registry.subset((tool) => names.has(tool.name));
}
