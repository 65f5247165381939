// The SQLite document store: rows in tables, lexical search by the one BM25 engine (Lucene's flavour, k1 0.9, b 0.4,
// Anserini's defaults) over terms analysed at ingest, vector search over an HNSW index per access-label set. Both indexes
// live in memory and follow the database through a change log: a search after another process (or this one) ingests
// applies just the chunks added and removed since, instead of rebuilding (a full build only on first use, or when the
// log was pruned past what this process has seen).
import type { SqliteStore } from "../store/index.js";
import { mayRead, readableLabels } from "./access.js";
import { weighQuery } from "./bm25.js";
import { analyzeEnglish } from "./english-analyzer.js";
import { RagStoreError } from "./errors.js";
import { rankKeys } from "./fused-ranking.js";
import type { RagStore, StoredDocumentInput, StoreEmbedding } from "./rag-store.js";
import { sha256, toRetrieved } from "./retrieved-row.js";
import { createUpdatableBm25Index } from "./updatable-bm25.js";
import type { UpdatableBm25Index } from "./updatable-bm25.js";
import { createVectorIndex, vectorFromBytes, vectorToBytes } from "./vector-index.js";
import type { VectorIndex } from "./vector-index.js";

const schema = `
CREATE TABLE IF NOT EXISTS rag_documents (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  title TEXT,
  digest TEXT NOT NULL,
  access TEXT NOT NULL,
  metadata TEXT NOT NULL,
  text TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rag_chunks (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES rag_documents(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  heading TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  digest TEXT NOT NULL,
  terms TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rag_chunks_document ON rag_chunks(document_id);
CREATE TABLE IF NOT EXISTS rag_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO rag_meta (key, value) VALUES ('generation', 0);
CREATE TABLE IF NOT EXISTS rag_vectors (chunk_id INTEGER PRIMARY KEY REFERENCES rag_chunks(id) ON DELETE CASCADE, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS rag_embedding (only INTEGER PRIMARY KEY CHECK (only = 1), model TEXT NOT NULL, dimensions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rag_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, chunk_id INTEGER NOT NULL, added INTEGER NOT NULL);
`;

/** Change-log rows kept: a process that fell further behind than this rebuilds its indexes instead. */
const keptChanges = 200_000;

interface LoadedIndex {
  generation: number;
  /** The last change-log row applied. */
  seq: number;
  bm25: UpdatableBm25Index;
  vectors?: VectorIndex;
  /** Chunk id → document id, for the access check. */
  chunkDocuments: Map<number, number>;
  access: Map<number, string[]>;
}

export function openSqliteRagStore(store: SqliteStore): RagStore {
  const db = store.database;
  if (!store.readOnly) db.exec(schema);
  else if (!db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'rag_chunks'").get()) {
    throw new RagStoreError(`${store.displayUrl} holds no documents yet: run \`toolgate rag ingest <files> --store ${store.displayUrl}\` first`);
  }
  let loaded: LoadedIndex | undefined;
  const generation = () => (db.prepare("SELECT value FROM rag_meta WHERE key = 'generation'").get() as { value: number }).value;

  // A store written before vectors and the change log existed, opened read-only (so not upgraded): lexical only, and
  // every change is a rebuild, as it was then.
  const upgraded = ["rag_vectors", "rag_embedding", "rag_changes"].every((table) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table));
  const embeddingRow = () => (upgraded ? (db.prepare("SELECT model, dimensions FROM rag_embedding WHERE only = 1").get() as { model: string; dimensions: number } | undefined) : undefined);
  const lastSeq = () => (upgraded ? (db.prepare("SELECT coalesce(max(seq), 0) AS seq FROM rag_changes").get() as { seq: number }).seq : 0);
  const vectorColumn = upgraded ? "v.vector FROM rag_chunks c LEFT JOIN rag_vectors v ON v.chunk_id = c.id" : "NULL AS vector FROM rag_chunks c";
  const chunkRow = db.prepare(`SELECT c.document_id, c.terms, ${vectorColumn} WHERE c.id = ?`);

  const documentAccess = db.prepare("SELECT access FROM rag_documents WHERE id = ?");
  const accessOf = () => {
    const access = new Map<number, string[]>();
    for (const row of db.prepare("SELECT id, access FROM rag_documents").raw().all() as Array<[number, string]>) access.set(row[0], JSON.parse(row[1]) as string[]);
    return access;
  };

  const build = (current: number): LoadedIndex => {
    const seq = lastSeq();
    const access = accessOf();
    const embedding = embeddingRow();
    const index: LoadedIndex = { generation: current, seq, bm25: createUpdatableBm25Index({ k1: 0.9, b: 0.4, flavour: "lucene" }), chunkDocuments: new Map(), access };
    if (embedding) index.vectors = createVectorIndex(embedding.dimensions);
    const rows = db.prepare(`SELECT c.id, c.document_id, c.terms, ${vectorColumn} ORDER BY c.id`).raw().iterate() as IterableIterator<[number, number, string, Buffer | null]>;
    for (const [id, documentId, terms, vector] of rows) addChunk(index, id, documentId, terms, vector);
    return index;
  };

  const addChunk = (index: LoadedIndex, id: number, documentId: number, terms: string, vector: Buffer | null) => {
    index.chunkDocuments.set(id, documentId);
    index.bm25.add(id, terms === "" ? [] : terms.split(" "));
    if (vector && index.vectors) index.vectors.add(id, vectorFromBytes(vector), index.access.get(documentId) ?? []);
  };

  /** Applies the change log since `index.seq`; false when the log no longer reaches back that far (then rebuild). */
  const catchUp = (index: LoadedIndex, current: number): boolean => {
    if (!upgraded) return false;
    const changes = db.prepare("SELECT seq, chunk_id, added FROM rag_changes WHERE seq > ? ORDER BY seq").raw().all(index.seq) as Array<[number, number, number]>;
    if (changes.length > 0 && changes[0]![0] !== index.seq + 1) return false;
    const embedding = embeddingRow();
    if (embedding && (!index.vectors || index.vectors.dimensions !== embedding.dimensions)) return false;
    // A chunk id seen in the log is taken out; those whose last entry is an addition go back in as the row now reads.
    const last = new Map<number, number>();
    for (const [, chunk, added] of changes) last.set(chunk, added);
    for (const chunk of last.keys()) {
      index.bm25.remove(chunk);
      index.vectors?.remove(chunk);
      index.chunkDocuments.delete(chunk);
    }
    const refreshed = new Set<number>();
    for (const [chunk, added] of last) {
      if (!added) continue;
      const row = chunkRow.get(chunk) as { document_id: number; terms: string; vector: Buffer | null } | undefined;
      if (!row) continue;
      // The document's labels as they are now (a re-ingest may have changed them); documents seen once per catch-up.
      if (!refreshed.has(row.document_id)) {
        refreshed.add(row.document_id);
        const labels = documentAccess.get(row.document_id) as { access: string } | undefined;
        if (labels) index.access.set(row.document_id, JSON.parse(labels.access) as string[]);
      }
      addChunk(index, chunk, row.document_id, row.terms, row.vector);
    }
    index.generation = current;
    index.seq = changes.length > 0 ? changes[changes.length - 1]![0] : index.seq;
    return true;
  };

  const load = (): LoadedIndex => {
    const current = generation();
    if (loaded?.generation === current) return loaded;
    if (!loaded || !catchUp(loaded, current)) loaded = build(current);
    return loaded;
  };

  const insertDocument = db.prepare("INSERT INTO rag_documents (source, title, digest, access, metadata, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insertChunk = db.prepare("INSERT INTO rag_chunks (document_id, ordinal, heading, start_offset, end_offset, text, digest, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const insertVector = db.prepare("INSERT INTO rag_vectors (chunk_id, vector) VALUES (?, ?)");
  const logRemoved = db.prepare("INSERT INTO rag_changes (chunk_id, added) SELECT c.id, 0 FROM rag_chunks c JOIN rag_documents d ON d.id = c.document_id WHERE d.source = ?");
  const logAdded = db.prepare("INSERT INTO rag_changes (chunk_id, added) VALUES (?, 1)");
  const prune = db.prepare("DELETE FROM rag_changes WHERE seq <= (SELECT max(seq) FROM rag_changes) - ?");
  const deleteDocument = db.prepare("DELETE FROM rag_documents WHERE source = ?");
  const bump = db.prepare("UPDATE rag_meta SET value = value + 1 WHERE key = 'generation'");
  db.pragma("foreign_keys = ON");

  const remove = (source: string): boolean => {
    logRemoved.run(source);
    return deleteDocument.run(source).changes > 0;
  };

  const put = db.transaction((documents: readonly StoredDocumentInput[], embeddingModel: string | undefined) => {
    const now = new Date().toISOString();
    const withVectors = documents.filter((document) => document.vectors);
    if (withVectors.length > 0) {
      if (!embeddingModel) throw new RagStoreError("documents carry vectors but no embedding model was named: pass putDocuments(documents, { embeddingModel })");
      const dimensions = withVectors[0]!.vectors![0]?.length ?? 0;
      const stored = embeddingRow();
      if (stored && (stored.model !== embeddingModel || stored.dimensions !== dimensions)) {
        throw new RagStoreError(`${store.displayUrl} holds vectors of ${stored.model} (${stored.dimensions} dimensions), not ${embeddingModel} (${dimensions}): ingest into a new store, or re-ingest everything with --embed ${stored.model}`);
      }
      if (!stored && dimensions > 0) db.prepare("INSERT INTO rag_embedding (only, model, dimensions) VALUES (1, ?, ?)").run(embeddingModel, dimensions);
    }
    for (const document of documents) {
      if (document.vectors && document.vectors.length !== document.chunks.length) {
        throw new RagStoreError(`${document.source}: ${document.vectors.length} vectors for ${document.chunks.length} chunks`);
      }
      remove(document.source);
      const id = Number(insertDocument.run(document.source, document.title ?? null, document.digest, JSON.stringify(document.access), JSON.stringify(document.metadata), document.text, now).lastInsertRowid);
      document.chunks.forEach((chunk, position) => {
        const terms = analyzeEnglish(chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text).join(" ");
        const chunkId = Number(insertChunk.run(id, chunk.ordinal, chunk.heading, chunk.start, chunk.end, chunk.text, sha256(chunk.text), terms).lastInsertRowid);
        const vector = document.vectors?.[position];
        if (vector) insertVector.run(chunkId, vectorToBytes(vector));
        logAdded.run(chunkId);
      });
    }
    prune.run(keptChanges);
    bump.run();
  });

  const removeOne = db.transaction((source: string) => {
    const removed = remove(source);
    if (removed) bump.run();
    return removed;
  });

  const rowsById = (ids: readonly number[]) => {
    const rows = db
      .prepare(
        `SELECT c.id, c.ordinal, c.heading, c.start_offset, c.end_offset, c.text, c.digest AS chunk_digest, d.source, d.title, d.digest AS document_digest
         FROM rag_chunks c JOIN rag_documents d ON d.id = c.document_id WHERE c.id IN (${ids.map(() => "?").join(",")})`,
      )
      .all(...ids) as Array<Record<string, unknown>>;
    return new Map(rows.map((row) => [row.id as number, row]));
  };

  return {
    kind: "sqlite",
    displayUrl: store.displayUrl,
    async documentDigest(source) {
      return (db.prepare("SELECT digest FROM rag_documents WHERE source = ?").get(source) as { digest: string } | undefined)?.digest;
    },
    async putDocuments(documents, options = {}) {
      put(documents, options.embeddingModel);
    },
    async removeDocument(source) {
      return removeOne(source);
    },
    async search(query, options = {}) {
      const index = load();
      const readable = new Set(readableLabels(options.principal));
      // Decided once per document, then looked up per chunk: the filter runs before any score is computed.
      const verdicts = new Map<number, boolean>();
      const allowed = (chunk: number) => {
        const document = index.chunkDocuments.get(chunk)!;
        let verdict = verdicts.get(document);
        if (verdict === undefined) verdicts.set(document, (verdict = mayRead(index.access.get(document) ?? [], readable)));
        return verdict;
      };
      const terms = analyzeEnglish(query);
      const ranked = await rankKeys(
        {
          displayUrl: store.displayUrl,
          lexical: async (depth) => index.bm25.search(weighQuery([{ terms, weight: 1 }]), { k: depth, filter: allowed }).map((hit) => ({ key: hit.doc, score: hit.score })),
          vector: (vector, depth) => (index.vectors && index.vectors.size > 0 ? Promise.resolve(index.vectors.search(vector, depth, readable)) : undefined),
        },
        options,
      );
      if (ranked.length === 0) return [];
      const byId = rowsById(ranked.map((hit) => hit.key));
      return ranked.flatMap((hit) => {
        const row = byId.get(hit.key);
        return row ? [{ ...toRetrieved(row, hit.score), ...(hit.ranks ? { ranks: hit.ranks } : {}) }] : [];
      });
    },
    async embedding(): Promise<StoreEmbedding | undefined> {
      const row = embeddingRow();
      if (!row || !upgraded) return undefined;
      const vectors = (db.prepare("SELECT count(*) AS n FROM rag_vectors").get() as { n: number }).n;
      return { model: row.model, dimensions: row.dimensions, vectors };
    },
    async stats() {
      const documents = (db.prepare("SELECT count(*) AS n FROM rag_documents").get() as { n: number }).n;
      const chunks = (db.prepare("SELECT count(*) AS n FROM rag_chunks").get() as { n: number }).n;
      return { documents, chunks };
    },
    close: () => store.close(),
  };
}
