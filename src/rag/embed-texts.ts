// Chunk and query texts to vectors through any AI SDK embedding model (the caller builds it, e.g. from a spec with
// `createEmbeddingModel`); a store records which model its vectors came from, so a query is never compared with
// vectors of another model.
import { embed, embedMany } from "ai";
import type { EmbeddingModel } from "ai";
import { RagStoreError } from "./errors.js";

/** `provider:modelId`: what a store records beside its vectors. */
export function embeddingModelId(model: EmbeddingModel): string {
  return typeof model === "string" ? model : `${model.provider}:${model.modelId}`;
}

/** Texts per embedMany call: providers cap a request (OpenAI at 2,048 inputs), and progress stays visible. */
const batchSize = 64;

export async function embedTexts(model: EmbeddingModel, texts: readonly string[], options: { signal?: AbortSignal; maxRetries?: number } = {}): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let at = 0; at < texts.length; at += batchSize) {
    const { embeddings } = await embedMany({ model, values: texts.slice(at, at + batchSize), abortSignal: options.signal, maxRetries: options.maxRetries });
    for (const embedding of embeddings) vectors.push(checked(Float32Array.from(embedding), model));
  }
  return vectors;
}

export async function embedQuery(model: EmbeddingModel, text: string, options: { signal?: AbortSignal; maxRetries?: number } = {}): Promise<Float32Array> {
  const { embedding } = await embed({ model, value: text, abortSignal: options.signal, maxRetries: options.maxRetries });
  return checked(Float32Array.from(embedding), model);
}

/** The text a chunk is embedded as: its heading (the section it sits in) and its own text, as BM25 indexes it. */
export function chunkEmbeddingText(chunk: { heading: string; text: string }): string {
  return chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text;
}

function checked(vector: Float32Array, model: EmbeddingModel): Float32Array {
  if (vector.length === 0 || vector.some((value) => !Number.isFinite(value))) {
    throw new RagStoreError(`embedding model ${embeddingModelId(model)} returned ${vector.length === 0 ? "an empty vector" : "a vector with non-finite values"}`);
  }
  return vector;
}
