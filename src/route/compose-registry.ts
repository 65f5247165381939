// A registry view that adds router-owned tools (the search_tools meta-tool) after a catalogue subset, keeping registry order.
import type { CapabilityArea, RegisteredTool, ToolRegistry } from "../tool/index.js";

/** `base`'s tools in their order, then `extra`; lookups by canonical or provider name reach both. */
export function withExtraTools(base: ToolRegistry, extra: readonly RegisteredTool[], extraAreas: readonly CapabilityArea[] = []): ToolRegistry {
  if (extra.length === 0) return base;
  const tools = [...base.tools, ...extra];
  const areas = [...base.areas, ...extraAreas.filter((area) => !base.areas.some((known) => known.name === area.name) && extra.some((tool) => tool.area === area.name))];
  const lookup = (name: string) => extra.find((tool) => tool.name === name || tool.providerName === name);
  return {
    tools,
    areas,
    get: (name) => base.get(name) ?? lookup(name),
    specs: (filter) =>
      tools.filter((tool) => !filter || filter(tool)).map((tool) => ({ name: tool.providerName, description: tool.description, inputSchema: tool.inputSchema })),
    subset: (filter) => withExtraTools(base.subset(filter), extra.filter(filter), extraAreas),
  };
}
