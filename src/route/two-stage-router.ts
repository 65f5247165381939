// Two-stage routing: the model picks capability areas from a menu, their tools are exposed; retrieval catches unsure picks.
import type { Usage } from "../record/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { RegisteredTool } from "../tool/index.js";
import type { AreaIndex } from "./area-index.js";
import { createAreaIndex } from "./area-index.js";
import type { AreaPick } from "./area-picker.js";
import { meteredModelAreaPick, pickAreasByRetrieval } from "./area-picker.js";
import { defaultRetrievalK } from "./bm25-router.js";
import { RouterConfigError } from "./errors.js";
import { basePlan, finishSelection } from "./finish-selection.js";
import { routingQuery, routingQueryKey, routingQueryTerms } from "./query.js";
import type { RoutingQuery } from "./query.js";
import type { CommonRouterOptions, RoutedCatalogue } from "./router-options.js";
import { boundedMemo, catalogueCache, checkCommonOptions, positiveInteger } from "./router-options.js";
import type { Router, SelectToolsContext } from "./types.js";

export interface AreaRoutingOptions extends CommonRouterOptions {
  /**
   * Most areas one pick may name; a pick naming more is treated as unsure. Default 3. Within it the count follows the
   * request: the model names as many as it needs, and the BM25 picker adds areas while they score within
   * `areaScoreRatio` of the best.
   */
  maxAreas?: number;
  /** BM25 picker: an area after the best is picked while its score is at least this share of the best one. Default 0.5; 0 always picks `maxAreas`. */
  areaScoreRatio?: number;
  /** Who picks the areas: the model (default) or BM25 over area documents (no model call). */
  picker?: "model" | "bm25";
  /** Tools the retrieval part exposes (the fallback, or hybrid's retrieval half). Default 8. */
  k?: number;
}

export interface TwoStageRouterOptions extends AreaRoutingOptions {
  /**
   * The picked areas "score poorly" when their best BM25 score is below this share of the best score anywhere in
   * the catalogue; routing then falls back to retrieval. Default 0.25: low, because a model rightly picks areas
   * whose tools share no word with the request, and only a clear lexical miss should overrule it. 0 disables it.
   */
  poorScoreRatio?: number;
}

export interface AreaRoutingDeps {
  /** Required when picker is "model": the model that answers the select_areas call. */
  model?: ModelAdapter;
}

export const defaultMaxAreas = 3;
const defaultAreaScoreRatio = 0.5;
/** A whole area is exposed, and areas can be large: this keeps a step's tool list bounded unless the caller says otherwise. */
const defaultAreaMaxTools = 24;

/** Stage one's answer for one decision; `usage` and `latencyMs` only when this decision called the model. */
export interface StagePick {
  pick: AreaPick;
  usage?: Usage;
  latencyMs?: number;
}

/** Stage one, shared by two-stage and hybrid: an area pick memoised per query, so the steps of one turn ask once. */
export function createAreaStage(router: string, options: AreaRoutingOptions, deps: AreaRoutingDeps) {
  const maxAreas = options.maxAreas ?? defaultMaxAreas;
  positiveInteger(router, "maxAreas", maxAreas);
  const areaScoreRatio = options.areaScoreRatio ?? defaultAreaScoreRatio;
  if (!(areaScoreRatio >= 0 && areaScoreRatio <= 1)) throw new RouterConfigError(`${router} router: areaScoreRatio must be between 0 and 1, got ${areaScoreRatio}`);
  const picker = options.picker ?? "model";
  if (picker !== "model" && picker !== "bm25") throw new RouterConfigError(`${router} router: picker must be "model" or "bm25", got ${JSON.stringify(picker)}`);
  if (picker === "model" && !deps.model) {
    throw new RouterConfigError(`${router} router: the model picks the capability areas, so pass deps.model (a ModelAdapter), or set picker: "bm25" to pick areas without a model`);
  }
  const areaIndexes = new WeakMap<RoutedCatalogue, AreaIndex>();
  // Per catalogue: one router may serve several registries, and a pick only means something within its own menu.
  const picksByCatalogue = new WeakMap<RoutedCatalogue, ReturnType<typeof boundedMemo<AreaPick>>>();
  return async (context: SelectToolsContext, catalogue: RoutedCatalogue, query: RoutingQuery): Promise<StagePick> => {
    const populated = catalogue.populatedAreas;
    // With no more areas than a pick may name, every area is the only sensible pick: no model call needed.
    if (populated.length <= maxAreas) return { pick: { status: "picked", areas: populated.map((area) => area.name), note: `the catalogue has only ${populated.length} area(s)` } };
    let picks = picksByCatalogue.get(catalogue);
    if (!picks) {
      picks = boundedMemo<AreaPick>();
      picksByCatalogue.set(catalogue, picks);
    }
    const key = routingQueryKey(query);
    const known = picks.get(key);
    // A memoised pick cost nothing this time: its model call was counted by the decision that made it.
    if (known) return { pick: known };
    if (picker === "model") {
      const metered = await meteredModelAreaPick({ model: deps.model!, areas: populated, tools: catalogue.tools, query, maxAreas, signal: context.signal });
      remember(picks, key, metered.pick);
      return metered;
    }
    let index = areaIndexes.get(catalogue);
    if (!index) {
      index = createAreaIndex(populated, catalogue.tools, { ...options.bm25, examples: options.examples });
      areaIndexes.set(catalogue, index);
    }
    const pick = pickAreasByRetrieval(index, routingQueryTerms(query), maxAreas, areaScoreRatio);
    remember(picks, key, pick);
    return { pick };
  };
}

function remember(picks: ReturnType<typeof boundedMemo<AreaPick>>, key: string, pick: AreaPick): void {
  // A failed model call is not an answer: the next step asks again.
  if (!(pick.status === "unsure" && pick.retryable)) picks.set(key, pick);
}

export function createTwoStageRouter(options: TwoStageRouterOptions = {}, deps: AreaRoutingDeps = {}): Router {
  checkCommonOptions("two-stage", options);
  const k = options.k ?? defaultRetrievalK;
  positiveInteger("two-stage", "k", k);
  const poorScoreRatio = options.poorScoreRatio ?? 0.25;
  if (!(poorScoreRatio >= 0 && poorScoreRatio <= 1)) throw new RouterConfigError(`two-stage router: poorScoreRatio must be between 0 and 1, got ${poorScoreRatio}`);
  const catalogueOf = catalogueCache("two-stage", options, true);
  const pickAreas = createAreaStage("two-stage", options, deps);

  return async (context) => {
    const { registry, messages } = context;
    const catalogue = catalogueOf(registry);
    const { index, positions } = catalogue;
    const query = routingQuery(messages, options.contextTurns);
    const shared = basePlan("two-stage", registry, catalogue, messages, options, options.maxTools ?? defaultAreaMaxTools);
    if (!query) return finishSelection({ ...shared, preferred: [], reason: "no user message to route on" });

    const terms = routingQueryTerms(query);
    const scores = index.scoreAll(terms);
    const scoreOf = (tool: RegisteredTool) => scores[positions.get(tool.name) ?? -1];
    const { pick, usage, latencyMs } = await pickAreas(context, catalogue, query);
    const cost = { ...(usage ? { usage } : {}), ...(latencyMs === undefined ? {} : { latencyMs }) };
    const fallback = (why: string) => {
      const ranked = index.rank(terms, k);
      return finishSelection({ ...shared, ...cost, preferred: ranked.map((hit) => hit.tool.name), scoreOf, reason: `${why}: fell back to bm25 top ${ranked.length}` });
    };

    if (pick.status === "unsure") return fallback(pick.reason);
    const inAreas = pick.areas.flatMap((area) => catalogue.byArea.get(area) ?? []);
    const overall = maxOf(scores);
    const inPicked = inAreas.reduce((top, position) => Math.max(top, scores[position]!), 0);
    if (overall > 0 && inPicked < poorScoreRatio * overall) {
      return fallback(`the picked areas (${pick.areas.join(", ")}) score poorly against the request (best ${inPicked.toFixed(2)} vs ${overall.toFixed(2)} elsewhere)`);
    }
    // Within the areas, the best-matching tools survive a cap first; the exposed order is still registry order.
    const preferred = [...inAreas].sort((a, b) => scores[b]! - scores[a]! || a - b).map((position) => catalogue.names[position]!);
    return finishSelection({
      ...shared,
      ...cost,
      preferred,
      scoreOf,
      areas: pick.areas,
      reason: `areas ${pick.areas.join(", ")} (${inAreas.length} tools)${pick.note ? `; ${pick.note}` : ""}`,
    });
  };
}

function maxOf(values: Float64Array): number {
  let top = 0;
  for (const value of values) if (value > top) top = value;
  return top;
}
