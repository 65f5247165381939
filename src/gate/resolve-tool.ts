// Gate stage 2, resolve: the proposed name → a registered tool, or an error naming the closest tools available.
import { distance } from "fastest-levenshtein";
import type { ToolRegistry, RegisteredTool } from "../tool/index.js";
import type { ToolError } from "../record/index.js";

export type ResolveResult = { ok: true; tool: RegisteredTool } | { ok: false; error: ToolError };

export function resolveTool(name: string, registry: ToolRegistry, maxSuggestions = 5): ResolveResult {
  const tool = registry.get(name);
  if (tool) return { ok: true, tool };
  const suggestions = closestToolNames(name, registry, maxSuggestions);
  const shown = typeof name === "string" ? JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name) : String(name);
  return {
    ok: false,
    error: {
      code: "unknown_tool",
      message: suggestions.length > 0
        ? `there is no tool named ${shown}; did you mean ${suggestions.slice(0, 3).join(", ")}?`
        : `there is no tool named ${shown}, and no tools are available`,
      expected: "one of availableTools",
      availableTools: suggestions,
    },
  };
}

/** Ranks provider names by edit distance, case-insensitively, with substring matches first. */
function closestToolNames(name: string, registry: ToolRegistry, limit: number): string[] {
  const wanted = String(name).toLowerCase().slice(0, 200);
  return registry.tools
    .map((tool) => {
      const candidate = tool.providerName.toLowerCase();
      const contains = wanted.length > 0 && (candidate.includes(wanted) || wanted.includes(candidate));
      return { name: tool.providerName, score: distance(wanted, candidate) - (contains ? 100 : 0) };
    })
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}
