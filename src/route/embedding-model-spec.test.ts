// Embedding model specs: what is built, what is refused and why.
import { describe, expect, it } from "vitest";
import { createEmbeddingModel } from "./embedding-model-spec.js";
import { RouterConfigError } from "./errors.js";

describe("createEmbeddingModel", () => {
  it("builds served embedding models from specs", async () => {
    expect(await createEmbeddingModel("openai-compatible:http://127.0.0.1:8080/v1#nomic-embed", {})).toMatchObject({ modelId: "nomic-embed", specificationVersion: "v3" });
    expect(await createEmbeddingModel("ollama:nomic-embed-text", {})).toMatchObject({ modelId: "nomic-embed-text" });
    expect(await createEmbeddingModel("openai:text-embedding-3-small", { OPENAI_API_KEY: "k" })).toMatchObject({ modelId: "text-embedding-3-small" });
  });

  it("refuses specs without a served embedding model, naming what works", async () => {
    await expect(createEmbeddingModel("llama:default", {})).rejects.toThrow(/llama:default is the chat model; name a GGUF file/);
    await expect(createEmbeddingModel("llama:/nowhere/model.gguf", {})).rejects.toThrow(RouterConfigError);
    await expect(createEmbeddingModel("llama:/nowhere/model.gguf", {})).rejects.toThrow(/no file at \/nowhere\/model\.gguf/);
    await expect(createEmbeddingModel("anthropic:claude", {})).rejects.toThrow(/serves no embedding models here; use one of openai:<model>/);
    await expect(createEmbeddingModel("openai:text-embedding-3-small", {})).rejects.toThrow(/set the OPENAI_API_KEY environment variable/);
    await expect(createEmbeddingModel("nonsense", {})).rejects.toThrow(/use one of/);
  });
});
