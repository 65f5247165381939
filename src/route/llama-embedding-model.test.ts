// The embedded engine's embedding path on a real (tiny, random-weight) GGUF: `llama:<path>` builds an AI SDK embedding
// model whose vectors are deterministic and sized by the model, and a document store can be ingested and searched
// (vector and hybrid) with it. Random weights prove the engine path, not retrieval quality.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embed, embedMany } from "ai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ingestPaths, openRagStore, searchDocuments } from "../rag/index.js";
import { describeWithShared, tinyModelPath } from "../test-support/shared-data.js";
import { closeEmbeddingModel, createEmbeddingModel } from "./embedding-model-spec.js";

describeWithShared(
  "llama:<path.gguf> embedding model",
  () => {
    let model: Awaited<ReturnType<typeof createEmbeddingModel>>;
    const dir = mkdtempSync(join(tmpdir(), "toolgate-llama-embed-"));
    beforeAll(async () => {
      model = await createEmbeddingModel(`llama:${tinyModelPath()}`, {});
    }, 60_000);
    afterAll(async () => {
      await closeEmbeddingModel(model);
      rmSync(dir, { recursive: true, force: true });
    });

    it("embeds deterministically through the AI SDK, and a store ingests and searches with it", async () => {
      expect(model).toMatchObject({ provider: "llama", modelId: "llama-2-tiny-random.gguf" });
      const { embeddings } = await embedMany({ model, values: ["refund a double charge", "holiday rota", "refund a double charge"] });
      expect(embeddings).toHaveLength(3);
      expect(embeddings[0]!.length).toBeGreaterThan(0);
      expect(embeddings[0]!.every(Number.isFinite)).toBe(true);
      expect(embeddings[2]).toEqual(embeddings[0]);
      expect(embeddings[1]).not.toEqual(embeddings[0]);
      const single = await embed({ model, value: "holiday rota" });
      expect(single.embedding).toEqual(embeddings[1]);

      writeFileSync(join(dir, "refunds.md"), "# Refunds\n\nRefund a double charge within five days.\n");
      writeFileSync(join(dir, "rota.md"), "# Rota\n\nThe holiday rota for the support desk.\n");
      const store = await openRagStore(`sqlite:${join(dir, "rag.db")}`);
      try {
        const summary = await ingestPaths(store, [dir], { embeddingModel: model });
        expect(summary).toMatchObject({ files: 2, added: 2 });
        expect(await store.embedding()).toEqual({ model: "llama:llama-2-tiny-random.gguf", dimensions: embeddings[0]!.length, vectors: summary.chunks });
        // The chunk embedded as exactly the query text is its own nearest neighbour, whatever the weights.
        const [nearest] = await searchDocuments(store, "Rota\nThe holiday rota for the support desk.", { mode: "vector", k: 1, embeddingModel: model });
        expect(nearest!.source).toMatch(/rota\.md$/);
        expect(nearest!.score).toBeCloseTo(1, 4);
        const hybrid = await searchDocuments(store, "double charge refund", { mode: "hybrid", k: 2, embeddingModel: model });
        expect(hybrid[0]!.source).toMatch(/refunds\.md$/);
        expect(hybrid[0]!.ranks?.lexical).toBe(1);
        // Unchanged files with the same model are skipped; the model is part of what was ingested.
        expect(await ingestPaths(store, [dir], { embeddingModel: model })).toMatchObject({ unchanged: 2 });
      } finally {
        await store.close();
      }
    }, 120_000);
  },
  "models",
  "llama-2-tiny-random.gguf",
);
