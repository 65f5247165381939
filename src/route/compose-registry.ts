// A registry view holding exactly the given tools: the routed subset plus router-owned tools (the search_tools meta-tool).
import type { CapabilityArea, RegisteredTool, ToolRegistry } from "../tool/index.js";

/**
 * A ToolRegistry of `tools`, in the order given, with `base`'s areas (and `extraAreas`) that those tools use. Built
 * from the few chosen tools rather than by filtering the catalogue: a decision over 10,000 tools must not walk them.
 */
export function registryView(base: ToolRegistry, tools: readonly RegisteredTool[], extraAreas: readonly CapabilityArea[] = []): ToolRegistry {
  const byName = new Map<string, RegisteredTool>();
  for (const tool of tools) byName.set(tool.name, tool);
  for (const tool of tools) if (!byName.has(tool.providerName)) byName.set(tool.providerName, tool);
  const used = new Set(tools.map((tool) => tool.area));
  const areas = [...base.areas, ...extraAreas.filter((area) => !base.areas.some((known) => known.name === area.name))].filter((area) => used.has(area.name));
  return {
    tools,
    areas,
    get: (name) => byName.get(name),
    specs: (filter) =>
      tools.filter((tool) => !filter || filter(tool)).map((tool) => ({ name: tool.providerName, description: tool.description, inputSchema: tool.inputSchema })),
    subset: (filter) => registryView(base, tools.filter(filter), extraAreas),
  };
}
