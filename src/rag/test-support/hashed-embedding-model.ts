// A small, deterministic embedding model for tests: feature hashing of words and character trigrams into a fixed number
// of dimensions (the "hashing trick"). A real function of the text (similar texts get similar vectors) that needs no
// weights and no server, so vector and hybrid search can be tested end to end through the AI SDK's embed/embedMany.
import type { EmbeddingModelV3 } from "@ai-sdk/provider";

export function hashedEmbeddingModel(dimensions = 256): EmbeddingModelV3 & { calls: number } {
  const model = {
    specificationVersion: "v3" as const,
    provider: "test-hashing",
    modelId: `fnv-${dimensions}`,
    maxEmbeddingsPerCall: 100,
    supportsParallelCalls: true,
    calls: 0,
    async doEmbed({ values }: { values: string[] }) {
      model.calls++;
      return { embeddings: values.map((value) => embedText(value, dimensions)), warnings: [] };
    },
  };
  return model;
}

function embedText(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    vector[hash(word) % dimensions]! += 1;
    const padded = `#${word}#`;
    for (let at = 0; at + 3 <= padded.length; at++) vector[hash(padded.slice(at, at + 3)) % dimensions]! += 0.5;
  }
  return vector;
}

function hash(text: string): number {
  let value = 2166136261;
  for (let at = 0; at < text.length; at++) value = Math.imul(value ^ text.charCodeAt(at), 16777619);
  return value >>> 0;
}
