// Hybrid routing: the union of an area pick and BM25 retrieval, best-scoring first under one cap.
import type { RegisteredTool } from "../tool/index.js";
import { defaultRetrievalK } from "./bm25-router.js";
import { basePlan, finishSelection } from "./finish-selection.js";
import { routingQuery, routingQueryTerms } from "./query.js";
import { catalogueCache, checkCommonOptions, positiveInteger } from "./router-options.js";
import type { AreaRoutingDeps, AreaRoutingOptions } from "./two-stage-router.js";
import { createAreaStage } from "./two-stage-router.js";
import type { Router } from "./types.js";

export type HybridRouterOptions = AreaRoutingOptions;

/** Retrieval's k plus a useful share of an area, and not much more. */
const defaultHybridMaxTools = 16;

export function createHybridRouter(options: HybridRouterOptions = {}, deps: AreaRoutingDeps = {}): Router {
  checkCommonOptions("hybrid", options);
  const k = options.k ?? defaultRetrievalK;
  positiveInteger("hybrid", "k", k);
  const catalogueOf = catalogueCache("hybrid", options, true);
  const pickAreas = createAreaStage("hybrid", options, deps);

  return async (context) => {
    const { registry, messages } = context;
    const catalogue = catalogueOf(registry);
    const { index, positions } = catalogue;
    const query = routingQuery(messages, options.contextTurns);
    const shared = basePlan("hybrid", registry, catalogue, messages, options, options.maxTools ?? defaultHybridMaxTools);
    if (!query) return finishSelection({ ...shared, preferred: [], reason: "no user message to route on" });

    const terms = routingQueryTerms(query);
    const scores = index.scoreAll(terms);
    const scoreOf = (tool: RegisteredTool) => scores[positions.get(tool.name) ?? -1];
    const retrieved = index.rank(terms, k).map((hit) => hit.index);
    const { pick, usage, latencyMs } = await pickAreas(context, catalogue, query);
    const fromAreas = pick.status === "picked" ? pick.areas.flatMap((area) => catalogue.byArea.get(area) ?? []) : [];
    // One ranking for both halves: retrieval's hits have the highest scores anyway, then area tools by score, then
    // area tools sharing no word with the request in registry order, so the cap drops the weakest evidence first.
    const union = [...new Set([...retrieved, ...fromAreas])].sort((a, b) => scores[b]! - scores[a]! || a - b);
    const areaPart = pick.status === "picked" ? `areas ${pick.areas.join(", ")} (${fromAreas.length} tools)` : `no area pick (${pick.reason})`;
    return finishSelection({
      ...shared,
      ...(usage ? { usage } : {}),
      ...(latencyMs === undefined ? {} : { latencyMs }),
      preferred: union.map((position) => catalogue.names[position]!),
      scoreOf,
      ...(pick.status === "picked" ? { areas: pick.areas } : {}),
      reason: `${areaPart} ∪ bm25 top ${retrieved.length}`,
    });
  };
}
