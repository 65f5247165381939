// A search in any mode, embedding the query when the mode needs it: the one entry point the CLI and the retrieval tool
// share. The store's recorded model must be the one given, so a query is never compared with another model's vectors.
import type { EmbeddingModel } from "ai";
import { embeddingModelId, embedQuery } from "./embed-texts.js";
import { RagStoreError } from "./errors.js";
import type { RagSearchOptions, RagStore, RetrievalMode, RetrievedChunk } from "./rag-store.js";

export interface SearchDocumentsOptions extends Omit<RagSearchOptions, "queryVector"> {
  /** Required for "vector" and "hybrid": the model the store's vectors were made with. */
  embeddingModel?: EmbeddingModel;
  signal?: AbortSignal;
}

export async function searchDocuments(store: RagStore, query: string, options: SearchDocumentsOptions = {}): Promise<RetrievedChunk[]> {
  const { embeddingModel, signal, ...search } = options;
  const mode: RetrievalMode = search.mode ?? "lexical";
  if (mode === "lexical") return store.search(query, search);
  if (!embeddingModel) throw new RagStoreError(`${mode} search needs an embedding model (the one the documents were ingested with): --embedding-model <spec>`);
  const stored = await store.embedding();
  if (!stored) throw new RagStoreError(`${store.displayUrl} holds no vectors: ingest with an embedding model first (\`toolgate rag ingest <files> --embed <model spec>\`)`);
  const id = embeddingModelId(embeddingModel);
  if (stored.model !== id) throw new RagStoreError(`${store.displayUrl} holds vectors of ${stored.model}; the query would be embedded by ${id}: search with the same model`);
  const queryVector = await embedQuery(embeddingModel, query, signal ? { signal } : {});
  return store.search(query, { ...search, queryVector });
}
