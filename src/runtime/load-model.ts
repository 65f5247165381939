// The model a runtime talks to: the configured spec, else TOOLGATE_MODEL, else the embedded default.
import type { ModelAdapter } from "../model/index.js";
import { createModel, parseModelSpec } from "../model/index.js";
import { RuntimeConfigError } from "./runtime-error.js";

export const defaultModelSpec = "llama:default";

export interface LoadModelOptions {
  /** The configured spec, when given. */
  spec?: string;
  threads?: number;
  /** Context window of an embedded model, in tokens. */
  contextSize?: number;
  /** Bound on generated tokens per model call. */
  maxOutputTokens?: number;
  env: NodeJS.ProcessEnv;
  /** Progress of a first-run model download (llama:default). */
  onDownloadProgress?: (progress: { receivedBytes: number; totalBytes?: number }) => void;
}

/** The configured spec, else TOOLGATE_MODEL, else the embedded default. */
function chooseModelSpec(spec: string | undefined, env: NodeJS.ProcessEnv): string {
  return spec ?? (env.TOOLGATE_MODEL?.trim() || defaultModelSpec);
}

export async function loadModel(options: LoadModelOptions): Promise<ModelAdapter> {
  const spec = chooseModelSpec(options.spec, options.env);
  let provider: string;
  try {
    provider = parseModelSpec(spec).provider;
  } catch (error) {
    // The library's message already lists the accepted forms.
    throw new RuntimeConfigError("model", error instanceof Error ? error.message : String(error), { cause: error });
  }
  try {
    return await createModel(spec, {
      threads: options.threads,
      ...(options.contextSize !== undefined ? { contextSize: options.contextSize } : {}),
      ...(options.maxOutputTokens !== undefined ? { maxOutputTokens: options.maxOutputTokens } : {}),
      env: options.env, ...(options.onDownloadProgress ? { onDownloadProgress: options.onDownloadProgress } : {}) });
  } catch (error) {
    // Building an HTTP adapter only fails on configuration (a missing API key names its variable): the
    // configuration must change. An embedded model that cannot be found or loaded is a runtime failure.
    if (provider !== "llama") throw new RuntimeConfigError("model", error instanceof Error ? error.message : String(error), { cause: error });
    throw error;
  }
}

