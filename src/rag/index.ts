// Public surface of the rag room: the one BM25 engine (tool routing uses it too; updatable for stores that change),
// vectors (HNSW per access-label set) and reciprocal rank fusion for hybrid search, Lucene-compatible English analysis,
// trec_eval-compatible metrics, the document store and ingest, and retrieval as a governed tool.
export { createBm25Index, weighQuery } from "./bm25.js";
export type { Bm25Hit, Bm25Index, Bm25Options, Bm25TermContribution, QueryTerms } from "./bm25.js";
export { analyzeEnglish, luceneEnglishStopWords } from "./english-analyzer.js";
export { breakWords } from "./word-break.js";
export { decodeLuceneNorm, encodeLuceneNorm } from "./lucene-norm.js";
export { evaluateRun, parseQrels, parseRun, trecEvalOrder, TrecFormatError } from "./trec-eval.js";
export type { Evaluation, Qrels, Run, RunHit, TopicScores } from "./trec-eval.js";
export { loadTestCollection } from "./test-collection.js";
export type { TestCollection } from "./test-collection.js";
export { luceneBm25Run } from "./lucene-run.js";
export type { LuceneRun, LuceneRunOptions } from "./lucene-run.js";
export { chunkDocument } from "./chunk-document.js";
export type { ChunkOptions, DocumentChunk } from "./chunk-document.js";
export { parseDocument, ingestibleExtensions } from "./parse-document.js";
export type { DocumentBlock, ParsedDocument } from "./parsed-document.js";
export { ingestPaths, listIngestibleFiles } from "./ingest.js";
export type { IngestOptions, IngestProgress, IngestSummary } from "./ingest.js";
export { openRagStore } from "./open-rag-store.js";
export type { RagSearchOptions, RagStore, RetrievalMode, RetrievedChunk, StoredDocumentInput, StoreEmbedding } from "./rag-store.js";
export { retrievalModes } from "./rag-store.js";
export { searchDocuments } from "./search-documents.js";
export type { SearchDocumentsOptions } from "./search-documents.js";
export { embeddingModelId } from "./embed-texts.js";
export { dot, unitVector } from "./unit-vector.js";
export { reciprocalRankFusion } from "./rank-fusion.js";
export type { FusedHit } from "./rank-fusion.js";
export { everyoneLabel, readableLabels } from "./access.js";
export { defineRetrievalTool } from "./retrieval-tool.js";
export type { RetrievalResult, RetrievalToolOptions, RetrievedPassage } from "./retrieval-tool.js";
export { IngestError, RagStoreError } from "./errors.js";
