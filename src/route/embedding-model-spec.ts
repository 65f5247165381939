// Embedding models by spec ("openai:text-embedding-3-small", "openai-compatible:<baseURL>#<model>", "ollama:<model>").
import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { parseModelSpec } from "../model/index.js";
import { RouterConfigError } from "./errors.js";

export const acceptedEmbeddingSpecs = ["openai:<model>", "openai-compatible:<baseURL>#<model>", "ollama:<model>"] as const;

/**
 * Builds the AI SDK embedding model a spec names. Only served models: an embedding model is never downloaded, so a
 * spec for the embedded llama engine or a provider without embeddings is refused with the specs that work. The
 * provider's SDK is imported only for the spec that names it.
 */
export async function createEmbeddingModel(spec: string, env: NodeJS.ProcessEnv = process.env): Promise<EmbeddingModelV3> {
  let parsed;
  try {
    parsed = parseModelSpec(spec);
  } catch (error) {
    throw new RouterConfigError(`embedding model ${JSON.stringify(spec)}: ${error instanceof Error ? error.message : String(error)}; use one of ${acceptedEmbeddingSpecs.join(", ")}`);
  }
  switch (parsed.provider) {
    case "openai": {
      const apiKey = env.OPENAI_API_KEY?.trim();
      if (!apiKey) throw new RouterConfigError(`embedding model ${spec} needs an API key: set the OPENAI_API_KEY environment variable`);
      const { createOpenAI } = await import("@ai-sdk/openai");
      return createOpenAI({ apiKey, baseURL: env.OPENAI_BASE_URL || "https://api.openai.com/v1" }).embedding(parsed.model);
    }
    case "openai-compatible": {
      const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
      return createOpenAICompatible({ name: "openai-compatible", baseURL: parsed.baseURL, apiKey: env.OPENAI_COMPATIBLE_API_KEY || undefined }).embeddingModel(parsed.model);
    }
    case "ollama": {
      // Without OLLAMA_BASE_URL the provider uses its own local default (127.0.0.1:11434); it reads no environment itself.
      const { createOllama } = await import("ollama-ai-provider-v2");
      return createOllama({ baseURL: env.OLLAMA_BASE_URL || undefined }).embedding(parsed.model);
    }
    default:
      throw new RouterConfigError(`embedding model ${spec}: ${parsed.provider} serves no embedding models here; use one of ${acceptedEmbeddingSpecs.join(", ")}`);
  }
}
