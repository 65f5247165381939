// The PostgreSQL document store: the same rows, searched with PostgreSQL's own full-text search (an `english` tsvector
// per chunk under a GIN index, ranked by ts_rank), the access filter in the same WHERE clause so unreadable documents are
// never ranked.
import type { PostgresStore } from "../store/index.js";
import { inTransaction, quoteIdentifier } from "../store/index.js";
import { readableLabels } from "./access.js";
import { breakWords } from "./word-break.js";
import { RagStoreError } from "./errors.js";
import type { RagStore, StoredDocumentInput } from "./rag-store.js";
import { sha256, toRetrieved } from "./retrieved-row.js";

export async function openPostgresRagStore(store: PostgresStore): Promise<RagStore> {
  const pool = store.pool;
  const q = (table: string) => `${quoteIdentifier(store.schema)}.${table}`;
  if (!store.readOnly) {
    await pool.query(`
      CREATE TABLE IF NOT EXISTS ${q("rag_documents")} (
        id BIGSERIAL PRIMARY KEY, source TEXT NOT NULL UNIQUE, title TEXT, digest TEXT NOT NULL, access TEXT[] NOT NULL,
        metadata JSONB NOT NULL, text TEXT NOT NULL, ingested_at TIMESTAMPTZ NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS ${q("rag_chunks")} (
        id BIGSERIAL PRIMARY KEY, document_id BIGINT NOT NULL REFERENCES ${q("rag_documents")}(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL, heading TEXT NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
        text TEXT NOT NULL, digest TEXT NOT NULL,
        tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', heading || ' ' || text)) STORED);
      CREATE INDEX IF NOT EXISTS rag_chunks_tsv ON ${q("rag_chunks")} USING GIN (tsv);
      CREATE INDEX IF NOT EXISTS rag_chunks_document ON ${q("rag_chunks")} (document_id);
      CREATE INDEX IF NOT EXISTS rag_documents_access ON ${q("rag_documents")} USING GIN (access);`);
  } else {
    const found = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'rag_chunks'", [store.schema]);
    if (found.rowCount === 0) throw new RagStoreError(`${store.displayUrl} holds no documents yet: run \`toolgate rag ingest <files> --store ${store.displayUrl}\` first`);
  }

  return {
    kind: "postgres",
    displayUrl: store.displayUrl,
    async documentDigest(source) {
      const result = await pool.query(`SELECT digest FROM ${q("rag_documents")} WHERE source = $1`, [source]);
      return result.rows[0]?.digest as string | undefined;
    },
    async putDocuments(documents: readonly StoredDocumentInput[]) {
      await inTransaction(pool, async (client) => {
        for (const document of documents) {
          await client.query(`DELETE FROM ${q("rag_documents")} WHERE source = $1`, [document.source]);
          const inserted = await client.query(`INSERT INTO ${q("rag_documents")} (source, title, digest, access, metadata, text) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
            document.source,
            document.title ?? null,
            document.digest,
            document.access,
            JSON.stringify(document.metadata),
            document.text,
          ]);
          const id = inserted.rows[0].id as string;
          // Many rows per statement: one round trip per few hundred chunks instead of one per chunk.
          for (let at = 0; at < document.chunks.length; at += 500) {
            const batch = document.chunks.slice(at, at + 500);
            const params: unknown[] = [];
            const values = batch.map((chunk) => {
              params.push(id, chunk.ordinal, chunk.heading, chunk.start, chunk.end, chunk.text, sha256(chunk.text));
              const n = params.length;
              return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
            });
            await client.query(`INSERT INTO ${q("rag_chunks")} (document_id, ordinal, heading, start_offset, end_offset, text, digest) VALUES ${values.join(", ")}`, params);
          }
        }
      });
    },
    async removeDocument(source) {
      return ((await pool.query(`DELETE FROM ${q("rag_documents")} WHERE source = $1`, [source])).rowCount ?? 0) > 0;
    },
    async search(query, options = {}) {
      // Words only, OR-ed: the same bag-of-words query the SQLite store runs; to_tsquery stems and drops stop words.
      const words = [...new Set(breakWords(query).map((word) => word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()).flatMap((word) => word.split(" ")).filter(Boolean))];
      if (words.length === 0) return [];
      const result = await pool.query(
        `SELECT c.id, c.ordinal, c.heading, c.start_offset, c.end_offset, c.text, c.digest AS chunk_digest, d.source, d.title,
                d.digest AS document_digest, ts_rank(c.tsv, query) AS score
         FROM ${q("rag_chunks")} c JOIN ${q("rag_documents")} d ON d.id = c.document_id,
              to_tsquery('english', $1) query
         WHERE d.access && $2::text[] AND c.tsv @@ query
         ORDER BY score DESC, c.id
         LIMIT $3`,
        [words.join(" | "), readableLabels(options.principal), options.k ?? 10],
      );
      return result.rows.map((row: Record<string, unknown>) => toRetrieved(row, Number(row.score)));
    },
    async stats() {
      const result = await pool.query(`SELECT (SELECT count(*) FROM ${q("rag_documents")}) AS documents, (SELECT count(*) FROM ${q("rag_chunks")}) AS chunks`);
      return { documents: Number(result.rows[0].documents), chunks: Number(result.rows[0].chunks) };
    },
    close: () => store.close(),
  };
}
