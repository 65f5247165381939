// The SQLite document store: rows in three tables, and search by the one BM25 engine (Lucene's flavour, k1 0.9, b 0.4,
// Anserini's defaults) over terms analysed at ingest. The index is built once per store generation, so a search after
// another process ingests sees the new documents.
import type { SqliteStore } from "../store/index.js";
import { mayRead, readableLabels } from "./access.js";
import { createBm25Index, weighQuery } from "./bm25.js";
import type { Bm25Index } from "./bm25.js";
import { analyzeEnglish } from "./english-analyzer.js";
import { RagStoreError } from "./errors.js";
import type { RagStore, StoredDocumentInput } from "./rag-store.js";
import { sha256, toRetrieved } from "./retrieved-row.js";

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
`;

interface LoadedIndex {
  generation: number;
  bm25: Bm25Index;
  chunkIds: Int32Array;
  chunkDocuments: Int32Array;
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

  const load = (): LoadedIndex => {
    const current = generation();
    if (loaded?.generation === current) return loaded;
    const access = new Map<number, string[]>();
    for (const row of db.prepare("SELECT id, access FROM rag_documents").raw().all() as Array<[number, string]>) access.set(row[0], JSON.parse(row[1]) as string[]);
    // Rows stream into the index one at a time: their term lists die young instead of all living until the build ends.
    const chunkIds: number[] = [];
    const chunkDocuments: number[] = [];
    function* terms() {
      for (const row of db.prepare("SELECT id, document_id, terms FROM rag_chunks ORDER BY id").raw().iterate() as IterableIterator<[number, number, string]>) {
        chunkIds.push(row[0]);
        chunkDocuments.push(row[1]);
        yield row[2] === "" ? [] : row[2].split(" ");
      }
    }
    const bm25 = createBm25Index(terms(), { k1: 0.9, b: 0.4, flavour: "lucene" });
    loaded = { generation: current, bm25, chunkIds: Int32Array.from(chunkIds), chunkDocuments: Int32Array.from(chunkDocuments), access };
    return loaded;
  };

  const insertDocument = db.prepare("INSERT INTO rag_documents (source, title, digest, access, metadata, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insertChunk = db.prepare("INSERT INTO rag_chunks (document_id, ordinal, heading, start_offset, end_offset, text, digest, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const deleteDocument = db.prepare("DELETE FROM rag_documents WHERE source = ?");
  const bump = db.prepare("UPDATE rag_meta SET value = value + 1 WHERE key = 'generation'");
  db.pragma("foreign_keys = ON");

  const put = db.transaction((documents: readonly StoredDocumentInput[]) => {
    const now = new Date().toISOString();
    for (const document of documents) {
      deleteDocument.run(document.source);
      const id = Number(insertDocument.run(document.source, document.title ?? null, document.digest, JSON.stringify(document.access), JSON.stringify(document.metadata), document.text, now).lastInsertRowid);
      for (const chunk of document.chunks) {
        const terms = analyzeEnglish(chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text).join(" ");
        insertChunk.run(id, chunk.ordinal, chunk.heading, chunk.start, chunk.end, chunk.text, sha256(chunk.text), terms);
      }
    }
    bump.run();
  });

  return {
    kind: "sqlite",
    displayUrl: store.displayUrl,
    async documentDigest(source) {
      return (db.prepare("SELECT digest FROM rag_documents WHERE source = ?").get(source) as { digest: string } | undefined)?.digest;
    },
    async putDocuments(documents) {
      put(documents);
    },
    async removeDocument(source) {
      const removed = deleteDocument.run(source).changes > 0;
      if (removed) bump.run();
      return removed;
    },
    async search(query, options = {}) {
      const index = load();
      const readable = new Set(readableLabels(options.principal));
      // Decided once per document, then looked up per chunk: the filter runs before any score is computed.
      const verdicts = new Map<number, boolean>();
      const allowed = (chunk: number) => {
        const document = index.chunkDocuments[chunk]!;
        let verdict = verdicts.get(document);
        if (verdict === undefined) verdicts.set(document, (verdict = mayRead(index.access.get(document) ?? [], readable)));
        return verdict;
      };
      const hits = index.bm25.search(weighQuery([{ terms: analyzeEnglish(query), weight: 1 }]), { k: options.k ?? 10, filter: allowed });
      if (hits.length === 0) return [];
      const ids = hits.map((hit) => index.chunkIds[hit.doc]!);
      const rows = db
        .prepare(
          `SELECT c.id, c.ordinal, c.heading, c.start_offset, c.end_offset, c.text, c.digest AS chunk_digest, d.source, d.title, d.digest AS document_digest
           FROM rag_chunks c JOIN rag_documents d ON d.id = c.document_id WHERE c.id IN (${ids.map(() => "?").join(",")})`,
        )
        .all(...ids) as Array<Record<string, unknown>>;
      const byId = new Map(rows.map((row) => [row.id as number, row]));
      return hits.flatMap((hit, position) => {
        const row = byId.get(ids[position]!);
        return row ? [toRetrieved(row, hit.score)] : [];
      });
    },
    async stats() {
      const documents = (db.prepare("SELECT count(*) AS n FROM rag_documents").get() as { n: number }).n;
      const chunks = (db.prepare("SELECT count(*) AS n FROM rag_chunks").get() as { n: number }).n;
      return { documents, chunks };
    },
    close: () => store.close(),
  };
}
