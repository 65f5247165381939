// The embedding router: top-k tools by cosine similarity between the request and tool texts, with any AI SDK embedding model.
import { embed, embedMany } from "ai";
import type { EmbeddingModel } from "ai";
import { digestOf } from "../record/index.js";
import type { RegisteredTool, ToolRegistry } from "../tool/index.js";
import { defaultRetrievalK } from "./bm25-router.js";
import { RouterConfigError } from "./errors.js";
import { basePlan, finishSelection } from "./finish-selection.js";
import { routingQuery, routingQueryText } from "./query.js";
import type { CommonRouterOptions } from "./router-options.js";
import { boundedMemo, catalogueCache, checkCommonOptions, positiveInteger } from "./router-options.js";
import { toolDocumentText } from "./tool-document.js";
import { dot, unitVector } from "../rag/index.js";
import type { Router } from "./types.js";

/** Where tool vectors are kept between routers and runs; a Map is enough in one process, a file or store across them. */
export interface EmbeddingCache {
  get(key: string): readonly number[] | undefined;
  set(key: string, vector: readonly number[]): void;
}

export interface EmbeddingRouterOptions extends CommonRouterOptions {
  /** Tools to expose per step. Default 8. */
  k?: number;
}

export interface EmbeddingRouterDeps {
  /**
   * Any AI SDK embedding model (e.g. `createOpenAICompatible(...).embeddingModel(id)`). toolgate never downloads
   * one: the caller chooses and serves it.
   */
  embeddingModel: EmbeddingModel;
  /** Tool vectors by model, tool definition digest and examples; an in-memory Map by default. */
  cache?: EmbeddingCache;
  /** Retries per embedding call (the AI SDK's default is 2). */
  maxRetries?: number;
}

export function createEmbeddingRouter(options: EmbeddingRouterOptions, deps: EmbeddingRouterDeps): Router {
  checkCommonOptions("embedding", options);
  const k = options.k ?? defaultRetrievalK;
  positiveInteger("embedding", "k", k);
  if (!deps?.embeddingModel) {
    throw new RouterConfigError("embedding router: pass deps.embeddingModel, an AI SDK embedding model such as createOpenAICompatible({ baseURL, name }).embeddingModel(id)");
  }
  const model = deps.embeddingModel;
  const modelKey = typeof model === "string" ? model : `${model.provider}:${model.modelId}`;
  const cache = deps.cache ?? new Map<string, readonly number[]>();
  const examples = options.examples ?? {};
  const catalogue = catalogueCache("embedding", options, false);
  const toolVectors = new WeakMap<ToolRegistry, Promise<Float32Array[]>>();
  const queryVectors = boundedMemo<Promise<Float32Array>>();

  const vectorsOf = (registry: ToolRegistry, signal: AbortSignal): Promise<Float32Array[]> => {
    let pending = toolVectors.get(registry);
    if (!pending) {
      pending = embedCatalogue(registry.tools, signal);
      toolVectors.set(registry, pending);
      // A failed embedding run must not poison later steps: forget it so the next decision tries again.
      pending.catch(() => toolVectors.delete(registry));
    }
    return pending;
  };

  const embedCatalogue = async (tools: readonly RegisteredTool[], signal: AbortSignal): Promise<Float32Array[]> => {
    const keys = tools.map((tool) => {
      const toolExamples = Object.hasOwn(examples, tool.name) ? examples[tool.name]! : [];
      // The digest pins everything the description text is made of; examples are keyed beside it.
      return `${modelKey}|${tool.digest}|${toolExamples.length === 0 ? "-" : digestOf([...toolExamples])}`;
    });
    const missing = tools.flatMap((tool, position) => (cache.get(keys[position]!) ? [] : [position]));
    if (missing.length > 0) {
      const { embeddings } = await embedMany({
        model,
        values: missing.map((position) => toolDocumentText(tools[position]!, Object.hasOwn(examples, tools[position]!.name) ? examples[tools[position]!.name] : [])),
        abortSignal: signal,
        maxRetries: deps.maxRetries,
      });
      missing.forEach((position, index) => cache.set(keys[position]!, embeddings[index]!));
    }
    return keys.map((key) => unitVector(cache.get(key)!));
  };

  return async ({ registry, messages, signal }) => {
    const catalogueEntry = catalogue(registry);
    const query = routingQuery(messages, options.contextTurns);
    const shared = basePlan("embedding", registry, catalogueEntry, messages, options);
    if (!query) return finishSelection({ ...shared, preferred: [], reason: "no user message to route on" });
    const text = routingQueryText(query);
    let queryVector = queryVectors.get(text);
    if (!queryVector) {
      queryVector = embed({ model, value: text, abortSignal: signal, maxRetries: deps.maxRetries }).then(({ embedding }) => unitVector(embedding));
      queryVectors.set(text, queryVector);
      queryVector.catch(() => queryVectors.delete(text));
    }
    const [vectors, target] = await Promise.all([vectorsOf(registry, signal), queryVector]);
    if (vectors.length > 0 && vectors[0]!.length !== target.length) {
      throw new RouterConfigError(`embedding router: the query vector has ${target.length} dimensions but the cached tool vectors have ${vectors[0]!.length}; use one embedding model for both, or clear the embedding cache`);
    }
    // Both sides are unit length, so the dot product is the cosine similarity.
    const similarities = vectors.map((vector) => dot(vector, target));
    const top = topK(similarities, k);
    return finishSelection({
      ...shared,
      preferred: top.map((position) => registry.tools[position]!.name),
      scoreOf: (tool) => similarities[catalogueEntry.positions.get(tool.name) ?? -1],
      reason: `cosine top ${top.length} of ${registry.tools.length} (${modelKey})`,
    });
  };
}

/** Positions of the `k` highest values, highest first, ties by position; a running list, no sort of the whole catalogue. */
function topK(values: readonly number[], k: number): number[] {
  const top: number[] = [];
  values.forEach((value, position) => {
    if (top.length === k && value <= values[top[k - 1]!]!) return;
    let at = top.length;
    while (at > 0 && value > values[top[at - 1]!]!) at--;
    top.splice(at, 0, position);
    if (top.length > k) top.pop();
  });
  return top;
}
