// The document store retrieval reads: documents with their digests and access labels, their chunks, and a lexical
// search that filters by the caller's access before ranking. SQLite (the default) ranks with the one BM25 engine in
// memory; PostgreSQL ranks with its own full-text search (tsvector, GIN, ts_rank) so the data can stay in the database.
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
}

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
  score: number;
}

export interface RagSearchOptions {
  k?: number;
  /** Whose access applies; none reads only documents labelled `*`. */
  principal?: Readonly<Principal>;
}

export interface RagStore {
  readonly kind: "sqlite" | "postgres";
  readonly displayUrl: string;
  documentDigest(source: string): Promise<string | undefined>;
  /** Adds or replaces documents (all their chunks), in one transaction. */
  putDocuments(documents: readonly StoredDocumentInput[]): Promise<void>;
  removeDocument(source: string): Promise<boolean>;
  search(query: string, options?: RagSearchOptions): Promise<RetrievedChunk[]>;
  stats(): Promise<{ documents: number; chunks: number }>;
  close(): Promise<void>;
}
