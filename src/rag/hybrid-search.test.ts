// Vector and hybrid retrieval on both stores (real SQLite, real PostgreSQL, real usearch HNSW), through the AI SDK's
// embedding calls: access filters before ranking in both lists, fusion rewards chunks both lists rank, the store keeps
// one embedding model, and the SQLite indexes follow changes incrementally with the ranking a full rebuild gives.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { DocumentChunk } from "./chunk-document.js";
import { embedTexts, embeddingModelId } from "./embed-texts.js";
import { openRagStore } from "./open-rag-store.js";
import type { RagStore, StoredDocumentInput } from "./rag-store.js";
import { searchDocuments } from "./search-documents.js";
import { hashedEmbeddingModel } from "./test-support/hashed-embedding-model.js";

const pgBase = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `g_rag_hybrid_${process.pid}`;
const model = hashedEmbeddingModel();
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

function document(source: string, text: string, access: string[]): StoredDocumentInput {
  const chunk: DocumentChunk = { ordinal: 0, heading: "", start: 0, end: text.length, text };
  return { source, digest: `d-${source}-${text.length}`, access, metadata: {}, text, chunks: [chunk] };
}

async function embedded(documents: StoredDocumentInput[]): Promise<StoredDocumentInput[]> {
  const vectors = await embedTexts(model, documents.map((entry) => entry.text));
  return documents.map((entry, at) => ({ ...entry, vectors: [vectors[at]!] }));
}

const corpus = [
  document("refunds.md", "refunding a double charge: issue the refund within five days", ["*"]),
  document("refund-policy.md", "refund policy for subscriptions and annual plans", ["*"]),
  // The nearest vector to "refunds double charge" of all, but only the finance team may read it.
  document("finance-refunds.md", "refunds double charge refunds double charge ledger", ["finance"]),
  document("holidays.md", "holiday rota for the support desk", ["*"]),
  document("printer.md", "the printer on floor two jams on double-sided pages", ["*"]),
];

const stores: Array<[string, () => Promise<RagStore>]> = [
  ["SQLite", () => openRagStore("sqlite::memory:")],
  ["PostgreSQL", () => openRagStore(`${pgBase}?schema=${schema}`)],
];

describe.each(stores)("%s store: vector and hybrid search", (_, open) => {
  it("ranks by vectors and by fusion, never showing a document the principal may not read", async () => {
    const store = await open();
    try {
      await store.putDocuments(await embedded(corpus), { embeddingModel: embeddingModelId(model) });
      expect(await store.embedding()).toEqual({ model: "test-hashing:fnv-256", dimensions: 256, vectors: 5 });
      const search = (mode: "lexical" | "vector" | "hybrid", principal?: { id: string; roles: string[] }) =>
        searchDocuments(store, "refunds for a double charge", { mode, k: 3, embeddingModel: model, ...(principal ? { principal } : {}) });

      const outsider = await search("vector");
      expect(outsider.map((hit) => hit.source)).not.toContain("finance-refunds.md");
      expect(outsider[0]!.source).toBe("refunds.md");
      expect(outsider[0]!.score).toBeGreaterThan(outsider[1]!.score);
      const insider = await search("vector", { id: "fay", roles: ["finance"] });
      expect(insider[0]!.source).toBe("finance-refunds.md");

      const hybrid = await search("hybrid");
      expect(hybrid.map((hit) => hit.source)).not.toContain("finance-refunds.md");
      expect(hybrid).toHaveLength(3);
      // Fusion: the top chunk is ranked by both lists, and its score is the sum of its two reciprocal ranks.
      const top = hybrid[0]!;
      expect(top.source).toBe("refunds.md");
      expect(top.ranks).toEqual({ lexical: expect.any(Number), vector: expect.any(Number) });
      expect(top.score).toBeCloseTo(1 / (60 + top.ranks!.lexical!) + 1 / (60 + top.ranks!.vector!), 12);
      expect((await search("hybrid", { id: "fay", roles: ["finance"] })).map((hit) => hit.source)).toContain("finance-refunds.md");
      // Lexical search is unchanged by the vectors.
      expect((await search("lexical")).every((hit) => hit.ranks === undefined)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("keeps one embedding model per store and says what to do otherwise", async () => {
    const store = await open();
    try {
      await store.putDocuments(await embedded(corpus), { embeddingModel: embeddingModelId(model) });
      const other = hashedEmbeddingModel(64);
      const vectors = await embedTexts(other, ["another text"]);
      await expect(store.putDocuments([{ ...document("x.md", "another text", ["*"]), vectors }], { embeddingModel: embeddingModelId(other) })).rejects.toThrow(
        /holds vectors of test-hashing:fnv-256 \(256 dimensions\), not test-hashing:fnv-64 \(64\)/,
      );
      await expect(searchDocuments(store, "refund", { mode: "hybrid", embeddingModel: other })).rejects.toThrow(/holds vectors of test-hashing:fnv-256; the query would be embedded by test-hashing:fnv-64/);
      await expect(searchDocuments(store, "refund", { mode: "vector" })).rejects.toThrow(/needs an embedding model/);
      await expect(store.search("refund", { mode: "vector" })).rejects.toThrow(/needs the query's vector/);
    } finally {
      await store.close();
    }
  });
});

describe("SQLite store: incremental index updates", () => {
  const queries = ["refund double charge", "holiday rota", "printer pages", "policy plans", "support desk refund"];
  const snapshot = async (store: RagStore, principal?: { id: string; roles: string[] }) =>
    Promise.all(
      queries.flatMap((query) =>
        (["lexical", "vector", "hybrid"] as const).map(async (mode) =>
          (await searchDocuments(store, query, { mode, k: 4, embeddingModel: model, ...(principal ? { principal } : {}) })).map((hit) => `${hit.chunkId}:${hit.score.toFixed(10)}`),
        ),
      ),
    );

  it("applies added, replaced and removed documents to the live index and ranks exactly as a full rebuild", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-rag-incremental-"));
    dirs.push(dir);
    const url = `sqlite:${join(dir, "rag.db")}`;
    const live = await openRagStore(url);
    const modelId = embeddingModelId(model);
    await live.putDocuments(await embedded(corpus), { embeddingModel: modelId });
    await snapshot(live); // builds the in-memory indexes once
    // Changes after the build: a replaced document (new text and access), a removed one, new ones.
    await live.putDocuments(await embedded([document("refunds.md", "refund a double charge at once; the support desk can help", ["*", "finance"])]), { embeddingModel: modelId });
    expect(await live.removeDocument("printer.md")).toBe(true);
    await live.putDocuments(await embedded([document("plans.md", "annual plans and refund policy", ["*"]), document("desk.md", "support desk holiday refund rota", ["staff"])]), { embeddingModel: modelId });
    // Another process's change, seen through the shared file.
    const writer = await openRagStore(url);
    await writer.putDocuments(await embedded([document("holidays.md", "holiday rota, now with the printer desk", ["*"])]), { embeddingModel: modelId });
    await writer.close();

    const fresh = await openRagStore(url);
    for (const principal of [undefined, { id: "sam", roles: ["staff"] }, { id: "fay", roles: ["finance"] }]) {
      expect(await snapshot(live, principal)).toEqual(await snapshot(fresh, principal));
    }
    const printer = await searchDocuments(live, "printer", { k: 5 });
    expect(printer.map((hit) => hit.source)).toEqual(["holidays.md"]);
    await live.close();
    await fresh.close();
  });
});
