// The BM25 router: the top-k tools whose names, descriptions, parameters and example requests best match the request.
import { basePlan, finishSelection } from "./finish-selection.js";
import { routingQuery, routingQueryTerms } from "./query.js";
import type { CommonRouterOptions } from "./router-options.js";
import { catalogueCache, checkCommonOptions, positiveInteger } from "./router-options.js";
import type { Router } from "./types.js";

export interface Bm25RouterOptions extends CommonRouterOptions {
  /** Tools to expose per step. Default 8. */
  k?: number;
}

export const defaultRetrievalK = 8;

export function createBm25Router(options: Bm25RouterOptions = {}): Router {
  checkCommonOptions("bm25", options);
  const k = options.k ?? defaultRetrievalK;
  positiveInteger("bm25", "k", k);
  const catalogue = catalogueCache("bm25", options, false);
  return async ({ registry, messages }) => {
    const catalogueEntry = catalogue(registry);
    const { index } = catalogueEntry;
    const query = routingQuery(messages, options.contextTurns);
    const shared = basePlan("bm25", registry, catalogueEntry, messages, options);
    if (!query) return finishSelection({ ...shared, preferred: [], reason: "no user message to route on" });
    const terms = routingQueryTerms(query);
    const ranked = index.rank(terms, k);
    const scores = new Map(ranked.map((hit) => [hit.tool.name, hit.score]));
    return finishSelection({
      ...shared,
      preferred: ranked.map((hit) => hit.tool.name),
      scoreOf: (tool) => scores.get(tool.name) ?? index.explain(terms, tool.name).reduce((sum, part) => sum + part.score, 0),
      reason: ranked.length === 0 ? "no tool shares a word with the request" : `bm25 top ${ranked.length} of ${registry.tools.length}`,
    });
  };
}

