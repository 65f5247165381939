// createRouter: a router by name, by options object, or from a custom function, as a selectTools function for runAgent.
import type { EmbeddingModel } from "ai";
import type { ToolSelection } from "../agent/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { Bm25RouterOptions } from "./bm25-router.js";
import { createBm25Router } from "./bm25-router.js";
import type { EmbeddingCache, EmbeddingRouterOptions } from "./embedding-router.js";
import { createEmbeddingRouter } from "./embedding-router.js";
import { RouterConfigError } from "./errors.js";
import { createFlatRouter } from "./flat-router.js";
import type { HybridRouterOptions } from "./hybrid-router.js";
import { createHybridRouter } from "./hybrid-router.js";
import type { TwoStageRouterOptions } from "./two-stage-router.js";
import { createTwoStageRouter } from "./two-stage-router.js";
import type { Router, SelectToolsContext, ToolExamples } from "./types.js";

export const routerNames = ["flat", "bm25", "embedding", "two-stage", "hybrid"] as const;
export type RouterName = (typeof routerNames)[number];

/** A function of your own: it may return a registry, or a registry with its routing decision. */
export type CustomRouter = (context: SelectToolsContext) => ToolSelection | Promise<ToolSelection>;

type RouterOptionsSpec =
  | { router: "flat" }
  | ({ router: "bm25" } & Bm25RouterOptions)
  | ({ router: "embedding" } & EmbeddingRouterOptions)
  | ({ router: "two-stage" } & TwoStageRouterOptions)
  | ({ router: "hybrid" } & HybridRouterOptions);

export type RouterSpec = RouterName | RouterOptionsSpec | CustomRouter;

/** What routers may need beyond their options; each router checks for what it uses and names what is missing. */
export interface RouterDeps {
  /** The model two-stage and hybrid routing ask to pick areas (usually the agent's own model). */
  model?: ModelAdapter;
  /** For the embedding router. */
  embeddingModel?: EmbeddingModel;
  embeddingCache?: EmbeddingCache;
  /** Example requests per tool (enrichFromCases), used when the spec sets none. */
  examples?: ToolExamples;
}

export function createRouter(spec: RouterSpec, deps: RouterDeps = {}): Router {
  if (typeof spec === "function") return customRouter(spec);
  const options: RouterOptionsSpec = typeof spec === "string" ? ({ router: parseRouterName(spec) } as RouterOptionsSpec) : spec;
  switch (options.router) {
    case "flat":
      return createFlatRouter();
    case "bm25":
      return createBm25Router({ examples: deps.examples, ...options });
    case "embedding":
      if (!deps.embeddingModel) {
        throw new RouterConfigError("embedding router: pass deps.embeddingModel, an AI SDK embedding model such as createOpenAICompatible({ baseURL, name }).embeddingModel(id)");
      }
      return createEmbeddingRouter({ examples: deps.examples, ...options }, { embeddingModel: deps.embeddingModel, cache: deps.embeddingCache });
    case "two-stage":
      return createTwoStageRouter({ examples: deps.examples, ...options }, { model: deps.model });
    case "hybrid":
      return createHybridRouter({ examples: deps.examples, ...options }, { model: deps.model });
    default:
      return parseRouterName((options as { router: string }).router) as never;
  }
}

export function parseRouterName(name: string): RouterName {
  if ((routerNames as readonly string[]).includes(name)) return name as RouterName;
  throw new RouterConfigError(`unknown router ${JSON.stringify(name)}; choose one of ${routerNames.join(", ")}, or pass a function`);
}

function customRouter(select: CustomRouter): Router {
  return async (context) => {
    const selection = await select(context);
    return "routing" in selection ? selection : { tools: selection, routing: { router: "custom" } };
  };
}
