// toolgate/rag: retrieval as a governed tool — ingest documents into a store, search (lexical, vector or hybrid) with access filtered before ranking, Lucene-compatible BM25 and trec_eval metrics.
export { defineRetrievalTool, openRagStore, ingestPaths, listIngestibleFiles, ingestibleExtensions, chunkDocument, parseDocument, everyoneLabel, readableLabels, IngestError, RagStoreError } from "./rag/index.js";
export { searchDocuments, retrievalModes, embeddingModelId, reciprocalRankFusion } from "./rag/index.js";
export type { SearchDocumentsOptions, RetrievalMode, StoreEmbedding, FusedHit } from "./rag/index.js";
export type { RetrievalResult, RetrievalToolOptions, RetrievedPassage, RagSearchOptions, RagStore, RetrievedChunk, StoredDocumentInput, IngestOptions, IngestProgress, IngestSummary, ChunkOptions, DocumentChunk, DocumentBlock, ParsedDocument } from "./rag/index.js";
export { createBm25Index, weighQuery, analyzeEnglish, luceneEnglishStopWords, breakWords, decodeLuceneNorm, encodeLuceneNorm } from "./rag/index.js";
export type { Bm25Hit, Bm25Index, Bm25Options, Bm25TermContribution, QueryTerms } from "./rag/index.js";
export { evaluateRun, parseQrels, parseRun, trecEvalOrder, TrecFormatError, loadTestCollection, luceneBm25Run } from "./rag/index.js";
export type { Evaluation, Qrels, Run, RunHit, TopicScores, TestCollection, LuceneRun, LuceneRunOptions } from "./rag/index.js";
