// bench:rag — retrieval quality against published figures, ingest throughput, and query latency at 100k chunks.
//
//   npm run bench:rag                  CACM (toolgate's BM25 beside Anserini's published Lucene BM25), ingest, latency
//   npm run bench:rag -- --json        one JSON object on the last line
//   --chunks <n>                       chunks in the latency store (default 100000)
//   --no-postgres                      skip the PostgreSQL full-text search store
//   --pg <url>                         PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test; schema g_rag_bench)
//   TOOLGATE_RAG_EMBEDDING_MODEL=<spec> also runs CACM in vector and hybrid mode with that embedding model (any spec
//                                      `rag ingest --embed` takes, e.g. llama:<path.gguf>); skipped with a notice without it
//
// Peers measured in the same run, so every figure is a ratio on this machine at this load: SQLite's own FTS5 (bm25())
// indexing and searching the same chunks, and, for the CACM figures, Anserini's published numbers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { embeddingModelId, evaluateRun, ingestPaths, loadTestCollection, luceneBm25Run, openRagStore, searchDocuments } from "../src/rag/index.js";
import type { RagStore, RetrievalMode, StoredDocumentInput } from "../src/rag/index.js";
import { closeEmbeddingModel, createEmbeddingModel } from "../src/route/index.js";
import { sharedPath } from "../src/test-support/shared-data.js";

const argv = process.argv.slice(2);
const json = argv.includes("--json");
const flagValue = (flag: string) => {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
};
const chunkCount = Number(flagValue("--chunks") ?? 100_000);
const pgBase = flagValue("--pg") ?? process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const pgSchema = "g_rag_bench";
const print = (line = "") => {
  if (!json) console.log(line);
};
const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const published = { map: 0.3123, p30: 0.1942, ndcg10: 0.4543, p10: 0.3154 };
const cacmDir = sharedPath("data", "retrieval", "cacm");
const cacm = loadTestCollection(cacmDir, "cacm");
const report: Record<string, unknown> = { machine: { loadavg1: round(loadavg()[0]!, 2) } };

// 1. Quality on CACM: the same analysis, scoring and evaluation as Anserini + trec_eval.
{
  const started = performance.now();
  const lucene = luceneBm25Run(cacm);
  const ms = performance.now() - started;
  const evaluation = evaluateRun(lucene.run, cacm.qrels, { precisionAt: [10, 30], ndcgAt: [10] });
  const exact = evaluateRun(luceneBm25Run(cacm, { flavour: "okapi" }).run, cacm.qrels, { precisionAt: [10, 30], ndcgAt: [10] });
  const classic = evaluateRun(luceneBm25Run(cacm, { k1: 1.2, b: 0.75 }).run, cacm.qrels, { precisionAt: [10, 30], ndcgAt: [10] });
  const toolgate = { map: round(evaluation.map), p30: round(evaluation.precision[30]!), ndcg10: round(evaluation.ndcg[10]!), p10: round(evaluation.precision[10]!) };
  const delta = { map: round(toolgate.map - published.map), p30: round(toolgate.p30 - published.p30), ndcg10: round(toolgate.ndcg10 - published.ndcg10) };
  const within = Object.values(delta).every((value) => Math.abs(value) <= 0.005);
  report.cacm = {
    topics: evaluation.topics,
    published,
    toolgate,
    delta,
    withinTarget: within,
    indexStats: lucene.stats,
    anseriniIndexStats: { documents: 3204, uniqueTerms: 14363, totalTerms: 320968 },
    exactLengthsInsteadOfLuceneNorms: { map: round(exact.map), p30: round(exact.precision[30]!), ndcg10: round(exact.ndcg[10]!) },
    k1_1_2_b_0_75: { map: round(classic.map), p30: round(classic.precision[30]!), ndcg10: round(classic.ndcg[10]!) },
    indexAndRun64TopicsMs: Math.round(ms),
  };
  print("CACM (52 judged topics), BM25 k1=0.9 b=0.4, Lucene EnglishAnalyzer analysis, trec_eval metrics");
  print("                       MAP     P@30    nDCG@10  P@10");
  print(`  Anserini (published)  ${published.map.toFixed(4)}  ${published.p30.toFixed(4)}  ${published.ndcg10.toFixed(4)}   ${published.p10.toFixed(4)}`);
  print(`  toolgate              ${toolgate.map.toFixed(4)}  ${toolgate.p30.toFixed(4)}  ${toolgate.ndcg10.toFixed(4)}   ${toolgate.p10.toFixed(4)}   (${within ? "within" : "NOT within"} 0.005)`);
  print(`  exact lengths         ${round(exact.map).toFixed(4)}  ${round(exact.precision[30]!).toFixed(4)}  ${round(exact.ndcg[10]!).toFixed(4)}   (no Lucene norms)`);
  print(`  index stats ${JSON.stringify(lucene.stats)} (Anserini: 3204 / 14363 / 320968)`);
  print();
}

// 1b. Vector and hybrid (BM25 + vectors, reciprocal rank fusion) on CACM, when an embedding model is configured.
{
  const spec = process.env.TOOLGATE_RAG_EMBEDDING_MODEL?.trim();
  if (!spec) {
    report.hybrid = { skipped: "set TOOLGATE_RAG_EMBEDDING_MODEL=<embedding model spec> to measure vector and hybrid retrieval" };
    print("Vector and hybrid retrieval on CACM: skipped (set TOOLGATE_RAG_EMBEDDING_MODEL=<spec>, e.g. llama:<path.gguf> or openai-compatible:<url>#<model>)");
    print();
  } else {
    const model = await createEmbeddingModel(spec);
    const dir = mkdtempSync(join(tmpdir(), "g-rag-hybrid-"));
    const store = await openRagStore(`sqlite:${join(dir, "hybrid.db")}`);
    try {
      // One chunk per CACM document (they are short), so every mode ranks the same units the published figures rank.
      const documents: StoredDocumentInput[] = cacm.documents.map((document) => ({
        source: document.id,
        digest: document.id,
        access: ["*"],
        metadata: {},
        text: document.text,
        chunks: [{ ordinal: 0, heading: "", start: 0, end: document.text.length, text: document.text }],
      }));
      const { embedMany } = await import("ai");
      let started = performance.now();
      const vectors: Float32Array[] = [];
      for (let at = 0; at < documents.length; at += 64) {
        const { embeddings } = await embedMany({ model, values: documents.slice(at, at + 64).map((document) => document.text) });
        for (const embedding of embeddings) vectors.push(Float32Array.from(embedding));
      }
      const embedSeconds = (performance.now() - started) / 1000;
      await store.putDocuments(
        documents.map((document, at) => ({ ...document, vectors: [vectors[at]!] })),
        { embeddingModel: embeddingModelId(model) },
      );
      const rows: Record<string, unknown> = {};
      for (const mode of ["lexical", "vector", "hybrid"] as RetrievalMode[]) {
        const run = new Map<string, Array<{ doc: string; score: number }>>();
        started = performance.now();
        for (const topic of cacm.topics) {
          const hits = await searchDocuments(store, topic.text, { mode, k: 1000, candidates: 1000, embeddingModel: model });
          run.set(topic.id, hits.map((hit) => ({ doc: hit.source, score: hit.score })));
        }
        const ms = (performance.now() - started) / cacm.topics.length;
        const evaluation = evaluateRun(run, cacm.qrels, { precisionAt: [10, 30], ndcgAt: [10] });
        rows[mode] = { map: round(evaluation.map), p30: round(evaluation.precision[30]!), ndcg10: round(evaluation.ndcg[10]!), msPerTopic: round(ms, 1) };
      }
      report.hybrid = { model: spec, dimensions: vectors[0]?.length, documents: documents.length, embedDocsPerSecond: Math.round(documents.length / embedSeconds), rrfK: 60, candidatesPerList: 1000, rows };
      print(`Vector and hybrid retrieval on CACM with ${spec} (${vectors[0]?.length} dimensions; ${Math.round(documents.length / embedSeconds)} docs/s embedded), RRF k=60, 1000 candidates per list`);
      print("                       MAP     P@30    nDCG@10  ms/topic");
      for (const [mode, row] of Object.entries(rows) as Array<[string, { map: number; p30: number; ndcg10: number; msPerTopic: number }]>) {
        print(`  ${mode.padEnd(20)} ${row.map.toFixed(4)}  ${row.p30.toFixed(4)}  ${row.ndcg10.toFixed(4)}   ${row.msPerTopic}`);
      }
      print();
    } finally {
      await store.close();
      await closeEmbeddingModel(model);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

// 2. Ingest throughput: the real pipeline (files → parse → chunk → analyse → SQLite) against FTS5 indexing the same text.
const work = mkdtempSync(join(tmpdir(), "g-rag-bench-"));
try {
  const filesDir = join(work, "cacm");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(filesDir);
  for (const document of cacm.documents) writeFileSync(join(filesDir, `${document.id}.txt`), document.text);
  const store = await openRagStore(`sqlite:${join(work, "ingest.db")}`);
  let started = performance.now();
  const summary = await ingestPaths(store, [filesDir]);
  const ingestSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const again = await ingestPaths(store, [filesDir]);
  const reingestSeconds = (performance.now() - started) / 1000;
  await store.close();
  const fts = new Database(join(work, "fts.db"));
  fts.pragma("journal_mode = WAL");
  fts.pragma("synchronous = FULL");
  fts.exec("CREATE VIRTUAL TABLE docs USING fts5(source, body, tokenize = 'porter unicode61')");
  // The peer reads the same files too, and commits once per 64 like toolgate's ingest.
  const { readFile } = await import("node:fs/promises");
  started = performance.now();
  const insert = fts.prepare("INSERT INTO docs (source, body) VALUES (?, ?)");
  for (let at = 0; at < cacm.documents.length; at += 64) {
    const slice = cacm.documents.slice(at, at + 64);
    const bodies = await Promise.all(slice.map((document) => readFile(join(filesDir, `${document.id}.txt`), "utf8")));
    fts.transaction(() => slice.forEach((document, index) => insert.run(document.id, bodies[index]!)))();
  }
  const ftsSeconds = (performance.now() - started) / 1000;
  fts.close();
  const docsPerSecond = summary.files / ingestSeconds;
  const ftsDocsPerSecond = cacm.documents.length / ftsSeconds;
  report.ingest = {
    documents: summary.files,
    chunks: summary.chunks,
    docsPerSecond: Math.round(docsPerSecond),
    reingestUnchangedDocsPerSecond: Math.round(again.unchanged / reingestSeconds),
    peerSqliteFts5DocsPerSecond: Math.round(ftsDocsPerSecond),
    ratioToFts5: round(docsPerSecond / ftsDocsPerSecond, 3),
  };
  print(`Ingest, ${summary.files} CACM files as .txt → ${summary.chunks} chunks (read, hash, parse, chunk, analyse, write):`);
  print(`  toolgate ${Math.round(docsPerSecond)} docs/s; re-ingest of unchanged files ${Math.round(again.unchanged / reingestSeconds)} docs/s; SQLite FTS5 reading and indexing the same files ${Math.round(ftsDocsPerSecond)} docs/s (ratio ${round(docsPerSecond / ftsDocsPerSecond, 3)})`);
  print();

  // 3. Query latency at `chunkCount` chunks: CACM text recombined into distinct chunks, 100 chunks per document, half
  // the documents labelled for a role the searching principal lacks (the filter is on the measured path).
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const texts = cacm.documents.map((document) => document.text);
  const chunkText = () => {
    const a = texts[Math.floor(random() * texts.length)]!;
    const b = texts[Math.floor(random() * texts.length)]!;
    return `${a.slice(0, 400)} ${b.slice(0, 200)}`;
  };
  const perDocument = 100;
  const documents: StoredDocumentInput[] = [];
  for (let made = 0, index = 0; made < chunkCount; index++) {
    const chunks = Array.from({ length: Math.min(perDocument, chunkCount - made) }, (_, ordinal) => {
      const text = chunkText();
      return { ordinal, heading: "", start: 0, end: text.length, text };
    });
    made += chunks.length;
    documents.push({ source: `synthetic/${index}`, digest: `d${index}`, access: index % 2 === 0 ? ["*"] : ["restricted"], metadata: {}, text: "", chunks });
  }
  const queries = cacm.topics.map((topic) => topic.text.replace(/\s+/g, " ").trim());
  const principal = { id: "bench", roles: ["staff"] };
  const measure = async (search: (query: string) => Promise<unknown>) => {
    for (const query of queries.slice(0, 8)) await search(query);
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const query of queries) {
        const at = performance.now();
        await search(query);
        times.push(performance.now() - at);
      }
    }
    times.sort((a, b) => a - b);
    return { p50: round(percentile(times, 50), 2), p99: round(percentile(times, 99), 2), queries: times.length };
  };

  const latency: Record<string, unknown> = { chunks: chunkCount };
  const sqliteStore = await openRagStore(`sqlite:${join(work, "latency.db")}`);
  started = performance.now();
  for (let at = 0; at < documents.length; at += 50) await sqliteStore.putDocuments(documents.slice(at, at + 50));
  const sqliteIngestSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await sqliteStore.search("warm the index", { k: 10, principal });
  const indexBuildMs = performance.now() - started;
  latency.sqlite = { ...(await measure((query) => sqliteStore.search(query, { k: 10, principal }))), ingestChunksPerSecond: Math.round(chunkCount / sqliteIngestSeconds), indexBuildMs: Math.round(indexBuildMs) };
  await sqliteStore.close();

  // The FTS5 peer: the same chunks, the same OR-of-words queries, the same access filter as a join.
  const peer = new Database(join(work, "latency-fts.db"));
  peer.exec("CREATE TABLE documents (id INTEGER PRIMARY KEY, open INTEGER); CREATE VIRTUAL TABLE chunks USING fts5(body, document UNINDEXED, tokenize = 'porter unicode61')");
  const insertDocument = peer.prepare("INSERT INTO documents (id, open) VALUES (?, ?)");
  const insertChunk = peer.prepare("INSERT INTO chunks (body, document) VALUES (?, ?)");
  started = performance.now();
  peer.transaction(() => {
    documents.forEach((document, index) => {
      insertDocument.run(index, document.access.includes("*") ? 1 : 0);
      for (const chunk of document.chunks) insertChunk.run(chunk.text, index);
    });
  })();
  const peerIngestSeconds = (performance.now() - started) / 1000;
  const peerSearch = peer.prepare("SELECT c.rowid, bm25(chunks) AS score FROM chunks c JOIN documents d ON d.id = c.document WHERE chunks MATCH ? AND d.open = 1 ORDER BY score LIMIT 10");
  const ftsQuery = (query: string) => [...new Set(query.toLowerCase().match(/[a-z0-9]+/g) ?? [])].map((word) => `"${word}"`).join(" OR ");
  latency.peerSqliteFts5 = { ...(await measure(async (query) => peerSearch.all(ftsQuery(query)))), ingestChunksPerSecond: Math.round(chunkCount / peerIngestSeconds) };
  peer.close();
  const sqliteP50 = (latency.sqlite as { p50: number }).p50;
  const peerP50 = (latency.peerSqliteFts5 as { p50: number }).p50;
  latency.sqliteP50RatioToFts5 = round(sqliteP50 / peerP50, 3);

  if (!argv.includes("--no-postgres")) {
    let pgStore: RagStore | undefined;
    const admin = new pg.Client({ connectionString: pgBase });
    try {
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      pgStore = await openRagStore(`${pgBase}?schema=${pgSchema}`);
      started = performance.now();
      for (let at = 0; at < documents.length; at += 10) await pgStore.putDocuments(documents.slice(at, at + 10));
      const pgIngestSeconds = (performance.now() - started) / 1000;
      await admin.query(`ANALYZE "${pgSchema}".rag_chunks`);
      latency.postgres = { ...(await measure((query) => pgStore!.search(query, { k: 10, principal }))), ingestChunksPerSecond: Math.round(chunkCount / pgIngestSeconds), ranking: "ts_rank over to_tsvector('english'), GIN index" };
    } catch (error) {
      latency.postgres = { skipped: `PostgreSQL unavailable at ${pgBase}: ${(error as Error).message}` };
    } finally {
      await pgStore?.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  }
  report.latency = latency;
  print(`Query latency, ${chunkCount} chunks, k=10, 64 CACM topics × 3, principal filter on (half the documents unreadable):`);
  const sqlite = latency.sqlite as { p50: number; p99: number; ingestChunksPerSecond: number; indexBuildMs: number };
  const fts5 = latency.peerSqliteFts5 as { p50: number; p99: number; ingestChunksPerSecond: number };
  print(`  toolgate SQLite (BM25 in memory)   p50 ${sqlite.p50} ms  p99 ${sqlite.p99} ms  (ingest ${sqlite.ingestChunksPerSecond} chunks/s, index build ${sqlite.indexBuildMs} ms)`);
  print(`  peer: SQLite FTS5 bm25()           p50 ${fts5.p50} ms  p99 ${fts5.p99} ms  (ingest ${fts5.ingestChunksPerSecond} chunks/s)  → p50 ratio ${latency.sqliteP50RatioToFts5}`);
  const postgres = latency.postgres as { p50?: number; p99?: number; ingestChunksPerSecond?: number; skipped?: string } | undefined;
  if (postgres?.skipped) print(`  PostgreSQL: ${postgres.skipped}`);
  else if (postgres) print(`  toolgate PostgreSQL (ts_rank)      p50 ${postgres.p50} ms  p99 ${postgres.p99} ms  (ingest ${postgres.ingestChunksPerSecond} chunks/s)`);
  print(`  load average ${round(loadavg()[0]!, 2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (json) console.log(JSON.stringify(report));
