// The steps every narrowing router shares: always-included and searched tools first, a cap, registry order, the decision.
import type { ChatMessage, RoutingDecision, Usage } from "../record/index.js";
import type { CapabilityArea, RegisteredTool, ToolRegistry } from "../tool/index.js";
import { registryView } from "./compose-registry.js";
import { RouterConfigError } from "./errors.js";
import { searchedToolNames } from "./query.js";
import type { CommonRouterOptions, RoutedCatalogue } from "./router-options.js";
import { searchToolsArea, searchToolsName } from "./search-tools-tool.js";
import type { RouterSelection } from "./types.js";

export interface SelectionPlan {
  router: string;
  /** The whole catalogue. */
  registry: ToolRegistry;
  /** Registry position of each tool name (RoutedCatalogue.positions). */
  positions: ReadonlyMap<string, number>;
  /** The router's own choice, best first (canonical names). */
  preferred: readonly string[];
  /** An exposed tool's score under this router, for the decision record; undefined where the router has none. */
  scoreOf?: (tool: RegisteredTool) => number | undefined;
  areas?: string[];
  reason: string;
  alwaysInclude?: readonly string[];
  /** Tools a search_tools call surfaced this turn (provider or canonical names). */
  searched?: readonly string[];
  /** Cap on catalogue tools; always-included tools are never cut. */
  maxTools?: number;
  /** Router-owned tools exposed after the catalogue subset (the search_tools meta-tool). */
  extraTools?: readonly RegisteredTool[];
  extraAreas?: readonly CapabilityArea[];
  /** What a model call made for this decision cost (the area pick); runAgent adds it to the run's usage. */
  usage?: Usage;
  latencyMs?: number;
}

/** The plan fields every narrowing router fills the same way: the catalogue, always-included and searched tools, the meta-tool. */
export function basePlan(
  router: string,
  registry: ToolRegistry,
  catalogue: Pick<RoutedCatalogue, "positions" | "searchTool">,
  messages: readonly ChatMessage[],
  options: CommonRouterOptions,
  maxTools = options.maxTools,
): Omit<SelectionPlan, "preferred" | "reason"> {
  return {
    router,
    registry,
    positions: catalogue.positions,
    alwaysInclude: options.alwaysInclude,
    searched: searchedToolNames(messages, searchToolsName),
    maxTools,
    extraTools: catalogue.searchTool ? [catalogue.searchTool] : [],
    extraAreas: [searchToolsArea],
  };
}

export function finishSelection(plan: SelectionPlan): RouterSelection {
  const { registry } = plan;
  const chosen = new Set<string>();
  const required = resolveAlwaysIncluded(registry, plan.alwaysInclude ?? []);
  for (const name of required) chosen.add(name);
  const searched = (plan.searched ?? []).flatMap((name) => {
    const tool = registry.get(name);
    return tool && !chosen.has(tool.name) ? [tool.name] : [];
  });
  const cap = Math.max(plan.maxTools ?? Number.POSITIVE_INFINITY, required.length);
  let dropped = 0;
  for (const name of [...searched, ...plan.preferred]) {
    if (chosen.has(name)) continue;
    if (chosen.size >= cap) {
      dropped++;
      continue;
    }
    chosen.add(name);
  }

  // Registry order, not score order: the same tools in the same order keep provider prompt caches warm across steps.
  const exposed = [...chosen]
    .map((name) => ({ tool: registry.get(name)!, position: plan.positions.get(name) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.position - b.position)
    .map((entry) => entry.tool);
  const reasons = [plan.reason];
  if (required.length > 0) reasons.push(`${required.length} always included`);
  const searchedKept = searched.filter((name) => chosen.has(name)).length;
  if (searchedKept > 0) reasons.push(`+${searchedKept} from search_tools`);
  if (dropped > 0) reasons.push(`capped at ${cap} tools (${dropped} left out)`);

  const routing: RoutingDecision = { router: plan.router, reason: reasons.join("; ") };
  if (plan.scoreOf) {
    const scores: Record<string, number> = {};
    for (const tool of exposed) {
      const score = plan.scoreOf(tool);
      if (score !== undefined) scores[tool.name] = Math.round(score * 10_000) / 10_000;
    }
    routing.scores = scores;
  }
  if (plan.areas) routing.areas = plan.areas;
  if (plan.usage) routing.usage = plan.usage;
  if (plan.latencyMs !== undefined) routing.latencyMs = plan.latencyMs;
  return { tools: registryView(registry, [...exposed, ...(plan.extraTools ?? [])], plan.extraAreas), routing };
}

function resolveAlwaysIncluded(registry: ToolRegistry, names: readonly string[]): string[] {
  return names.map((name) => {
    const tool = registry.get(name);
    if (!tool) throw new RouterConfigError(`alwaysInclude names "${name}", which is not in the tool catalogue; correct the name or remove it`);
    return tool.name;
  });
}
