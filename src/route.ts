// toolgate/route: which tools the model sees per step in a large catalogue — flat, BM25, embedding, two-stage and hybrid routers, and examples learned from cases.
export { createRouter, routerNames, parseRouterName, createEmbeddingModel, closeEmbeddingModel, acceptedEmbeddingSpecs, RouterConfigError } from "./route/index.js";
export type { CustomRouter, RouterDeps, RouterName, RouterSpec, Router, RouterSelection, RoutableTool, SelectToolsContext, ToolExamples } from "./route/index.js";
export { fitToContext, createFlatRouter, createBm25Router, createEmbeddingRouter, createTwoStageRouter, createHybridRouter, createSearchToolsTool } from "./route/index.js";
export type { Bm25RouterOptions, CommonRouterOptions, EmbeddingRouterOptions, HybridRouterOptions, TwoStageRouterOptions } from "./route/index.js";
export { enrichFromCases, casesFromTraces, pairsFromEvalCases, parseToolExamples, deriveAreas, explainSelection } from "./route/index.js";
export type { DerivedAreas, DeriveAreasOptions, EnrichableCase, EnrichOptions, ExposedToolExplanation } from "./route/index.js";
