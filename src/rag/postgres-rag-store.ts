// The PostgreSQL document store: the same rows, searched with PostgreSQL's own full-text search (an `english` tsvector
// per chunk under a GIN index, ranked by ts_rank), the access filter in the same WHERE clause so unreadable documents are
// never ranked. Vectors are stored as float32 bytes (BYTEA) and searched in the same in-memory HNSW index the SQLite
// store uses, partitioned by access labels: pgvector would keep the search in the database, but it is an extension a
// team's PostgreSQL may not have (this machine's Debian mirror does not ship it). The index is reloaded when the store's
// generation changes.
import type { PostgresStore } from "../store/index.js";
import { inTransaction, quoteIdentifier } from "../store/index.js";
import { readableLabels } from "./access.js";
import { breakWords } from "./word-break.js";
import { RagStoreError } from "./errors.js";
import { rankKeys } from "./fused-ranking.js";
import type { RagStore, StoredDocumentInput, StoreEmbedding } from "./rag-store.js";
import { sha256, toRetrieved } from "./retrieved-row.js";
import { createVectorIndex, vectorFromBytes, vectorToBytes } from "./vector-index.js";
import type { VectorIndex } from "./vector-index.js";

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
      CREATE INDEX IF NOT EXISTS rag_documents_access ON ${q("rag_documents")} USING GIN (access);
      CREATE TABLE IF NOT EXISTS ${q("rag_vectors")} (
        chunk_id BIGINT PRIMARY KEY REFERENCES ${q("rag_chunks")}(id) ON DELETE CASCADE, vector BYTEA NOT NULL);
      CREATE TABLE IF NOT EXISTS ${q("rag_embedding")} (only_row INTEGER PRIMARY KEY CHECK (only_row = 1), model TEXT NOT NULL, dimensions INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS ${q("rag_generation")} (only_row INTEGER PRIMARY KEY CHECK (only_row = 1), value BIGINT NOT NULL);
      INSERT INTO ${q("rag_generation")} (only_row, value) VALUES (1, 0) ON CONFLICT DO NOTHING;`);
  } else {
    const found = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'rag_chunks'", [store.schema]);
    if (found.rowCount === 0) throw new RagStoreError(`${store.displayUrl} holds no documents yet: run \`toolgate rag ingest <files> --store ${store.displayUrl}\` first`);
  }

  // A store written before vectors existed (opened read-only, so not upgraded) has no embedding table: no vectors.
  const embeddingRow = async () =>
    (await pool.query(`SELECT model, dimensions FROM ${q("rag_embedding")} WHERE only_row = 1`).catch(() => ({ rows: [] }))).rows[0] as { model: string; dimensions: number } | undefined;
  const generation = async () => {
    // A store written before vectors existed has no generation table: it has no vectors either.
    const found = await pool.query(`SELECT value FROM ${q("rag_generation")} WHERE only_row = 1`).catch(() => undefined);
    return found ? String(found.rows[0]?.value ?? "0") : "none";
  };
  let loadedVectors: { generation: string; index: VectorIndex | undefined } | undefined;
  const vectorIndex = async (): Promise<VectorIndex | undefined> => {
    const current = await generation();
    if (loadedVectors?.generation === current) return loadedVectors.index;
    const embedding = current === "none" ? undefined : await embeddingRow();
    let index: VectorIndex | undefined;
    if (embedding) {
      index = createVectorIndex(embedding.dimensions);
      const rows = await pool.query(`SELECT v.chunk_id, v.vector, d.access FROM ${q("rag_vectors")} v JOIN ${q("rag_chunks")} c ON c.id = v.chunk_id JOIN ${q("rag_documents")} d ON d.id = c.document_id`);
      for (const row of rows.rows as Array<{ chunk_id: string; vector: Buffer; access: string[] }>) index.add(Number(row.chunk_id), vectorFromBytes(row.vector), row.access);
    }
    loadedVectors = { generation: current, index };
    return index;
  };
  const rowColumns = `c.id, c.ordinal, c.heading, c.start_offset, c.end_offset, c.text, c.digest AS chunk_digest, d.source, d.title, d.digest AS document_digest`;

  return {
    kind: "postgres",
    displayUrl: store.displayUrl,
    async documentDigest(source) {
      const result = await pool.query(`SELECT digest FROM ${q("rag_documents")} WHERE source = $1`, [source]);
      return result.rows[0]?.digest as string | undefined;
    },
    async putDocuments(documents: readonly StoredDocumentInput[], options: { embeddingModel?: string } = {}) {
      await inTransaction(pool, async (client) => {
        const withVectors = documents.filter((document) => document.vectors);
        if (withVectors.length > 0) {
          if (!options.embeddingModel) throw new RagStoreError("documents carry vectors but no embedding model was named: pass putDocuments(documents, { embeddingModel })");
          const dimensions = withVectors[0]!.vectors![0]?.length ?? 0;
          const stored = (await client.query(`SELECT model, dimensions FROM ${q("rag_embedding")} WHERE only_row = 1 FOR UPDATE`)).rows[0] as { model: string; dimensions: number } | undefined;
          if (stored && (stored.model !== options.embeddingModel || stored.dimensions !== dimensions)) {
            throw new RagStoreError(`${store.displayUrl} holds vectors of ${stored.model} (${stored.dimensions} dimensions), not ${options.embeddingModel} (${dimensions}): ingest into a new store, or re-ingest everything with --embed ${stored.model}`);
          }
          if (!stored && dimensions > 0) await client.query(`INSERT INTO ${q("rag_embedding")} (only_row, model, dimensions) VALUES (1, $1, $2)`, [options.embeddingModel, dimensions]);
        }
        for (const document of documents) {
          if (document.vectors && document.vectors.length !== document.chunks.length) throw new RagStoreError(`${document.source}: ${document.vectors.length} vectors for ${document.chunks.length} chunks`);
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
            const chunkIds = await client.query(`INSERT INTO ${q("rag_chunks")} (document_id, ordinal, heading, start_offset, end_offset, text, digest) VALUES ${values.join(", ")} RETURNING id`, params);
            if (document.vectors) {
              const vectorParams: unknown[] = [];
              const rows = (chunkIds.rows as Array<{ id: string }>).map((row, position) => {
                vectorParams.push(row.id, vectorToBytes(document.vectors![at + position]!));
                return `($${vectorParams.length - 1}, $${vectorParams.length})`;
              });
              await client.query(`INSERT INTO ${q("rag_vectors")} (chunk_id, vector) VALUES ${rows.join(", ")}`, vectorParams);
            }
          }
        }
        await client.query(`UPDATE ${q("rag_generation")} SET value = value + 1 WHERE only_row = 1`);
      });
    },
    async removeDocument(source) {
      return inTransaction(pool, async (client) => {
        const removed = ((await client.query(`DELETE FROM ${q("rag_documents")} WHERE source = $1`, [source])).rowCount ?? 0) > 0;
        if (removed) await client.query(`UPDATE ${q("rag_generation")} SET value = value + 1 WHERE only_row = 1`);
        return removed;
      });
    },
    async search(query, options = {}) {
      // Words only, OR-ed: the same bag-of-words query the SQLite store runs; to_tsquery stems and drops stop words.
      const words = [...new Set(breakWords(query).map((word) => word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()).flatMap((word) => word.split(" ")).filter(Boolean))];
      const readable = readableLabels(options.principal);
      const fetched = new Map<number, Record<string, unknown>>();
      const ranked = await rankKeys(
        {
          displayUrl: store.displayUrl,
          async lexical(depth) {
            if (words.length === 0) return [];
            const result = await pool.query(
              `SELECT ${rowColumns}, ts_rank(c.tsv, query) AS score
               FROM ${q("rag_chunks")} c JOIN ${q("rag_documents")} d ON d.id = c.document_id,
                    to_tsquery('english', $1) query
               WHERE d.access && $2::text[] AND c.tsv @@ query
               ORDER BY score DESC, c.id
               LIMIT $3`,
              [words.join(" | "), readable, depth],
            );
            return result.rows.map((row: Record<string, unknown>) => {
              fetched.set(Number(row.id), row);
              return { key: Number(row.id), score: Number(row.score) };
            });
          },
          vector(vector, depth) {
            return vectorIndex().then((index) => {
              if (!index || index.size === 0) throw new RagStoreError(`${store.displayUrl} holds no vectors: ingest with an embedding model first (\`toolgate rag ingest <files> --embed <model spec>\`)`);
              return index.search(vector, depth, new Set(readable));
            });
          },
        },
        options,
      );
      const missing = ranked.map((hit) => hit.key).filter((key) => !fetched.has(key));
      if (missing.length > 0) {
        const rows = await pool.query(`SELECT ${rowColumns} FROM ${q("rag_chunks")} c JOIN ${q("rag_documents")} d ON d.id = c.document_id WHERE c.id = ANY($1::bigint[])`, [missing]);
        for (const row of rows.rows as Array<Record<string, unknown>>) fetched.set(Number(row.id), row);
      }
      return ranked.flatMap((hit) => {
        const row = fetched.get(hit.key);
        return row ? [{ ...toRetrieved(row, hit.score), ...(hit.ranks ? { ranks: hit.ranks } : {}) }] : [];
      });
    },
    async embedding(): Promise<StoreEmbedding | undefined> {
      const row = await embeddingRow();
      if (!row) return undefined;
      const vectors = Number((await pool.query(`SELECT count(*) AS n FROM ${q("rag_vectors")}`)).rows[0].n);
      return { model: row.model, dimensions: row.dimensions, vectors };
    },
    async stats() {
      const result = await pool.query(`SELECT (SELECT count(*) FROM ${q("rag_documents")}) AS documents, (SELECT count(*) FROM ${q("rag_chunks")}) AS chunks`);
      return { documents: Number(result.rows[0].documents), chunks: Number(result.rows[0].chunks) };
    },
    close: () => store.close(),
  };
}
