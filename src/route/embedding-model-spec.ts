// Embedding models by spec ("openai:text-embedding-3-small", "openai-compatible:<baseURL>#<model>", "ollama:<model>",
// "llama:<path.gguf>" for a local GGUF through node-llama-cpp).
import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { parseModelSpec } from "../model/index.js";
import { RouterConfigError } from "./errors.js";

export const acceptedEmbeddingSpecs = ["openai:<model>", "openai-compatible:<baseURL>#<model>", "ollama:<model>", "llama:<path.gguf>"] as const;

/**
 * Builds the AI SDK embedding model a spec names. An embedding model is never downloaded: a served one, or a local
 * GGUF file named by path (`llama:default` is a chat model and is refused, as is a provider without embeddings, with
 * the specs that work). The provider's SDK is imported only for the spec that names it. A `llama:` model holds native
 * memory: call its `close()` (see `closeEmbeddingModel`) when done.
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
    case "llama": {
      if (parsed.model === "default") throw new RouterConfigError(`embedding model ${spec}: llama:default is the chat model; name a GGUF file, llama:<path.gguf>`);
      const { existsSync } = await import("node:fs");
      const { resolve } = await import("node:path");
      const path = resolve(parsed.model);
      if (!existsSync(path)) throw new RouterConfigError(`embedding model ${spec}: no file at ${path}`);
      const { createLlamaEmbeddingModel } = await import("./llama-embedding-model.js");
      return createLlamaEmbeddingModel(path);
    }
    default:
      throw new RouterConfigError(`embedding model ${spec}: ${parsed.provider} serves no embedding models here; use one of ${acceptedEmbeddingSpecs.join(", ")}`);
  }
}

/** Frees what an embedding model holds (a `llama:` model's native memory); nothing for served models. */
export async function closeEmbeddingModel(model: unknown): Promise<void> {
  const close = (model as { close?: unknown } | undefined)?.close;
  if (typeof close === "function") await (close as () => Promise<void>).call(model);
}
