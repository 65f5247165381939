// Embeddings from a local GGUF through node-llama-cpp, as an AI SDK embedding model: `llama:<path.gguf>` in an
// embedding spec. Offline and served by no one; the file is never downloaded (an embedding model must be chosen).
import { availableParallelism } from "node:os";
import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { RouterConfigError } from "./errors.js";

export interface LlamaEmbeddingModel extends EmbeddingModelV3 {
  /** Frees the model and the engine; a process that embedded should close before it ends. */
  close(): Promise<void>;
}

export async function createLlamaEmbeddingModel(modelPath: string, options: { threads?: number; contextSize?: number } = {}): Promise<LlamaEmbeddingModel> {
  const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
  // Prebuilt CPU binaries only: never compile llama.cpp on the user's machine at run time.
  const llama = await getLlama({ build: "never", gpu: false, logLevel: LlamaLogLevel.error });
  let model;
  let context;
  let contextSize: number;
  try {
    model = await llama.loadModel({ modelPath });
    contextSize = options.contextSize ?? Math.min(model.trainContextSize, 2048);
    context = await model.createEmbeddingContext({ threads: options.threads ?? Math.max(1, Math.floor(availableParallelism() / 2)), contextSize });
  } catch (error) {
    await llama.dispose();
    throw new RouterConfigError(`embedding model llama:${modelPath}: could not load it (${error instanceof Error ? error.message : String(error)})`);
  }
  const loadedModel = model;
  const embeddingContext = context;
  // Inputs longer than the context are cut to it (less a few tokens the engine adds: BOS/EOS): an embedding of the
  // first part beats failing the whole ingest.
  const limit = Math.max(1, contextSize - 8);
  let queue = Promise.resolve();
  return {
    specificationVersion: "v3",
    provider: "llama",
    modelId: modelPath.replace(/^.*[\\/]/, ""),
    maxEmbeddingsPerCall: 64,
    // One context evaluates one input at a time.
    supportsParallelCalls: false,
    async doEmbed({ values, abortSignal }) {
      const run = queue.then(async () => {
        const embeddings: number[][] = [];
        for (const value of values) {
          abortSignal?.throwIfAborted();
          const tokens = loadedModel.tokenize(value);
          const within = tokens.length > limit ? tokens.slice(0, limit) : tokens;
          embeddings.push([...(await embeddingContext.getEmbeddingFor(within)).vector]);
        }
        return { embeddings, warnings: [] };
      });
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    async close() {
      await embeddingContext.dispose();
      await loadedModel.dispose();
      await llama.dispose();
    },
  };
}
