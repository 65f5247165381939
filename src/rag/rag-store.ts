// The document store retrieval reads: documents with their digests and access labels, their chunks (and, when ingested
// with an embedding model, their vectors), and a search that filters by the caller's access before ranking. Lexical:
// SQLite (the default) ranks with the one BM25 engine in memory, PostgreSQL with its own full-text search (tsvector, GIN,
// ts_rank). Vector: an HNSW index (usearch) per access-label set, in memory on both (no pgvector here). Hybrid: both
// lists fused by reciprocal rank.
import type { JsonValue, Principal } from "../record/index.js";
import type { DocumentChunk } from "./chunk-document.js";

export interface StoredDocumentInput {
  /** The document's identity in the store: a path or URL. Re-ingesting the same source replaces it. */
  source: string;
  title?: string;
  /** SHA-256 of the original bytes: unchanged digest, nothing to do. */
  digest: string;
  access: string[];
  metadata: Record<string, JsonValue>;
  text: string;
  chunks: DocumentChunk[];
  /** One vector per chunk, in chunk order, from the model `putDocuments` names; absent: lexical retrieval only. */
  vectors?: Float32Array[];
}

export type RetrievalMode = "lexical" | "vector" | "hybrid";
export const retrievalModes: readonly RetrievalMode[] = ["lexical", "vector", "hybrid"];

export interface RetrievedChunk {
  /** `source#ordinal`: stable while the document is unchanged. */
  chunkId: string;
  source: string;
  title?: string;
  documentDigest: string;
  ordinal: number;
  heading: string;
  /** [start, end) in the document's extracted text. */
  start: number;
  end: number;
  text: string;
  /** SHA-256 of the chunk text. */
  chunkDigest: string;
  /** The list's own score (BM25, ts_rank or cosine); in hybrid mode the reciprocal-rank-fusion score. */
  score: number;
  /** Hybrid mode: the chunk's 1-based rank in the lexical and the vector list (absent from a list: no entry). */
  ranks?: { lexical?: number; vector?: number };
}

export interface RagSearchOptions {
  k?: number;
  /** Whose access applies; none reads only documents labelled `*`. */
  principal?: Readonly<Principal>;
  /** Default "lexical"; "vector" and "hybrid" need `queryVector`. */
  mode?: RetrievalMode;
  /** The query embedded by the model the store's vectors came from (see `searchDocuments`, which does that). */
  queryVector?: Float32Array;
  /** Hybrid: how deep each list goes before fusion. Default max(50, 5k). */
  candidates?: number;
}

/** Which model the store's vectors came from; one per store. */
export interface StoreEmbedding {
  model: string;
  dimensions: number;
  vectors: number;
}

export interface RagStore {
  readonly kind: "sqlite" | "postgres";
  readonly displayUrl: string;
  documentDigest(source: string): Promise<string | undefined>;
  /**
   * Adds or replaces documents (all their chunks), in one transaction. Documents carrying `vectors` need
   * `embeddingModel`, the model id they came from; a store holds vectors of one model only.
   */
  putDocuments(documents: readonly StoredDocumentInput[], options?: { embeddingModel?: string }): Promise<void>;
  removeDocument(source: string): Promise<boolean>;
  search(query: string, options?: RagSearchOptions): Promise<RetrievedChunk[]>;
  stats(): Promise<{ documents: number; chunks: number }>;
  /** The model the store's vectors came from, or undefined when none were stored. */
  embedding(): Promise<StoreEmbedding | undefined>;
  close(): Promise<void>;
}
