// Both document stores, real SQLite and real PostgreSQL: search ranks, provenance is exact, and access is applied before
// ranking, so a principal never sees a document it may not read and unreadable documents never take its places.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { DocumentChunk } from "./chunk-document.js";
import { openRagStore } from "./open-rag-store.js";
import type { RagStore, StoredDocumentInput } from "./rag-store.js";

const pgBase = process.env.TOOLGATE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `g_rag_${process.pid}`;

function document(source: string, text: string, access: string[]): StoredDocumentInput {
  const chunk: DocumentChunk = { ordinal: 0, heading: "Notes", start: 0, end: text.length, text };
  return { source, digest: `digest-of-${source}`, access, metadata: {}, text, chunks: [chunk], title: source };
}

const corpus = [
  // Five secret documents that match the query best ...
  ...Array.from({ length: 5 }, (_, index) => document(`secret-${index}.md`, `merger merger merger acquisition target list ${index}`, ["board"])),
  // ... and three public ones that match it a little.
  document("public-a.md", "the merger was announced in the press release last spring", ["*"]),
  document("public-b.md", "press coverage of the merger and the market reaction", ["*"]),
  document("public-c.md", "a merger needs approval from the regulator", ["staff"]),
  document("other.md", "holiday rota for the support desk", ["*"]),
];

const stores: Array<[string, () => Promise<RagStore>]> = [
  ["SQLite", () => openRagStore("sqlite::memory:")],
  ["PostgreSQL", () => openRagStore(`${pgBase}?schema=${schema}`)],
];

afterAll(async () => {
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe.each(stores)("%s document store", (_, open) => {
  it("filters by access before ranking: the principal's top k are all readable and none is missing", async () => {
    const store = await open();
    try {
      await store.putDocuments(corpus);
      const sources = async (principal?: { id: string; roles?: string[] }) => (await store.search("merger", { k: 3, ...(principal ? { principal } : {}) })).map((hit) => hit.source).sort();
      // No principal: only `*` documents; the five better-matching secret ones neither appear nor crowd out the public two.
      expect(await sources()).toEqual(["public-a.md", "public-b.md"]);
      expect(await sources({ id: "sam", roles: ["staff"] })).toEqual(["public-a.md", "public-b.md", "public-c.md"]);
      const board = await store.search("merger", { k: 3, principal: { id: "bea", roles: ["board"] } });
      expect(board.every((hit) => hit.source.startsWith("secret-"))).toBe(true);
      expect(board).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it("returns provenance with each hit, and replaces a document on re-put", async () => {
    const store = await open();
    try {
      await store.putDocuments(corpus);
      const [hit] = await store.search("holiday rota", { k: 1 });
      expect(hit).toMatchObject({ source: "other.md", title: "other.md", chunkId: "other.md#0", documentDigest: "digest-of-other.md", ordinal: 0, heading: "Notes", start: 0, end: 33, text: "holiday rota for the support desk" });
      expect(hit!.chunkDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(hit!.score).toBeGreaterThan(0);
      await store.putDocuments([document("other.md", "parking spaces for visitors", ["*"])]);
      expect(await store.search("holiday rota", { k: 1 })).toEqual([]);
      expect(await store.documentDigest("other.md")).toBe("digest-of-other.md");
      expect(await store.removeDocument("other.md")).toBe(true);
      expect(await store.stats()).toEqual({ documents: corpus.length - 1, chunks: corpus.length - 1 });
    } finally {
      await store.close();
    }
  });

  it("finds nothing for a query of stop words or punctuation", async () => {
    const store = await open();
    try {
      await store.putDocuments(corpus);
      expect(await store.search("the and of", { k: 3 })).toEqual([]);
      expect(await store.search("?!", { k: 3 })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
