// Model specs ("openai:gpt-4.1-mini", "llama:default", ...): parsing them and building the adapter they name.
// Each provider's SDK is imported in its own branch: a run loads the one provider it talks to, and parsing loads none.
import { aiSdkModel } from "./ai-sdk.js";
import type { ModelAdapter } from "./types.js";

export type ModelSpec =
  | { provider: "openai"; model: string }
  | { provider: "anthropic"; model: string }
  | { provider: "ollama"; model: string }
  | { provider: "openai-compatible"; baseURL: string; model: string }
  /** `model` is `"default"` or a path to a .gguf file. */
  | { provider: "llama"; model: string };

export const acceptedModelSpecs = [
  "openai:<model>",
  "anthropic:<model>",
  "ollama:<model>",
  "openai-compatible:<baseURL>#<model>",
  "llama:<path.gguf>",
  "llama:default",
] as const;

const defaultOllamaBaseUrl = "http://127.0.0.1:11434/api";

export function parseModelSpec(spec: string): ModelSpec {
  const trimmed = spec.trim();
  // Split on the first colon only: model names carry their own (ollama's "llama3.1:8b", URLs' "http:").
  const colon = trimmed.indexOf(":");
  const provider = colon > 0 ? trimmed.slice(0, colon) : "";
  const rest = colon > 0 ? trimmed.slice(colon + 1).trim() : "";
  switch (provider) {
    case "openai":
    case "anthropic":
    case "ollama":
      if (rest === "") throw invalidSpec(spec, `a model name is missing after "${provider}:"`);
      return { provider, model: rest };
    case "openai-compatible": {
      const hash = rest.lastIndexOf("#");
      const baseURL = hash >= 0 ? rest.slice(0, hash).trim() : "";
      const model = hash >= 0 ? rest.slice(hash + 1).trim() : "";
      if (baseURL === "" || model === "") throw invalidSpec(spec, "expected a base URL and a model name separated by #");
      if (!isHttpUrl(baseURL)) throw invalidSpec(spec, `"${baseURL}" is not an http(s) URL`);
      return { provider, baseURL, model };
    }
    case "llama":
      if (rest === "default" || /\.gguf$/i.test(rest)) return { provider, model: rest };
      throw invalidSpec(spec, `"${rest}" is neither "default" nor a path to a .gguf file`);
    default:
      throw invalidSpec(spec, provider === "" ? "no provider prefix" : `unknown provider "${provider}"`);
  }
}

export interface CreateModelOptions {
  /** CPU threads for the embedded llama model; ignored by HTTP providers. */
  threads?: number;
  /** Context window of the embedded llama model in tokens (default 8192, capped at what it was trained for); ignored by HTTP providers. */
  contextSize?: number;
  /** Bound on generated tokens per model call when a request sets none (llama default: a quarter of the context, at most 1024). */
  maxOutputTokens?: number;
  /** Where API keys and base URLs are read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Progress of the first-run download of `llama:default`. */
  onDownloadProgress?: (progress: { receivedBytes: number; totalBytes?: number }) => void;
}

export async function createModel(spec: string, options: CreateModelOptions = {}): Promise<ModelAdapter> {
  const parsed = parseModelSpec(spec);
  const env = options.env ?? process.env;
  const id = specId(parsed);
  const bound = options.maxOutputTokens !== undefined ? { maxOutputTokens: options.maxOutputTokens } : {};
  switch (parsed.provider) {
    case "openai": {
      const apiKey = requireEnv(env, "OPENAI_API_KEY", id);
      const { createOpenAI } = await import("@ai-sdk/openai");
      // Base URLs are always passed explicitly so that `env` is the only source; the providers would
      // otherwise fall back to process.env behind the caller's back.
      const provider = createOpenAI({ apiKey, baseURL: env.OPENAI_BASE_URL || "https://api.openai.com/v1" });
      // `.chat()`: the Chat Completions API, the dialect every OpenAI-compatible server speaks, so a
      // hosted OpenAI model and a self-hosted one see the same requests (the default is the Responses API).
      return aiSdkModel(provider.chat(parsed.model), { id, ...bound });
    }
    case "anthropic": {
      const apiKey = requireEnv(env, "ANTHROPIC_API_KEY", id);
      const { createAnthropic } = await import("@ai-sdk/anthropic");
      const provider = createAnthropic({ apiKey, baseURL: env.ANTHROPIC_BASE_URL || "https://api.anthropic.com/v1" });
      // `.messages()`: the Messages API, Anthropic's only chat API.
      return aiSdkModel(provider.messages(parsed.model), { id, ...bound });
    }
    case "ollama": {
      const { createOllama } = await import("ollama-ai-provider-v2");
      const provider = createOllama({ baseURL: env.OLLAMA_BASE_URL || defaultOllamaBaseUrl });
      // `.chat()`: Ollama's /api/chat, the endpoint that supports tools.
      return aiSdkModel(provider.chat(parsed.model), { id, ...bound });
    }
    case "openai-compatible": {
      const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
      const provider = createOpenAICompatible({
        name: "openai-compatible",
        baseURL: parsed.baseURL,
        apiKey: env.OPENAI_COMPATIBLE_API_KEY || undefined,
      });
      // `.chatModel()`: /chat/completions, not the legacy /completions endpoint.
      return aiSdkModel(provider.chatModel(parsed.model), { id, ...bound });
    }
    case "llama": {
      // Imported on demand so that HTTP users never load node-llama-cpp (and its native binaries) at start-up.
      const { createLlamaModel } = await import("./llama/index.js");
      return createLlamaModel({
        model: parsed.model,
        threads: options.threads,
        ...(options.contextSize !== undefined ? { contextSize: options.contextSize } : {}),
        ...(options.maxOutputTokens !== undefined ? { defaultMaxOutputTokens: options.maxOutputTokens } : {}),
        onDownloadProgress: options.onDownloadProgress,
        // The default model's cache directory and mirror are read from the caller's environment, like API keys are.
        env,
      });
    }
  }
}

/** The canonical spec string of a parsed spec: what traces record as the model id. */
function specId(spec: ModelSpec): string {
  return spec.provider === "openai-compatible" ? `openai-compatible:${spec.baseURL}#${spec.model}` : `${spec.provider}:${spec.model}`;
}

function requireEnv(env: NodeJS.ProcessEnv, name: string, id: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new Error(`model ${id} needs an API key: set the ${name} environment variable`);
  }
  return value;
}

function invalidSpec(spec: string, reason: string): Error {
  return new Error(`invalid model spec "${spec}": ${reason}. Accepted forms: ${acceptedModelSpecs.join(", ")}`);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
