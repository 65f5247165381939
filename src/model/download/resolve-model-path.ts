// Turns a llama model spec ("default" or a .gguf path) into a local file path, downloading the default model into the cache when needed.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join, resolve } from "node:path";
import { defaultModel, type ModelDescriptor } from "../llama/default-model.js";
import { downloadFile, type DownloadProgress } from "./download-file.js";

export type ModelEnv = Readonly<Record<string, string | undefined>>;

export interface ResolveModelPathOptions {
  /** `"default"` or a path to a .gguf file. */
  model: string;
  /** Overrides the cache directory (otherwise TOOLGATE_CACHE_DIR, XDG_CACHE_HOME, ~/.cache). */
  cacheDir?: string;
  env?: ModelEnv;
  onProgress?: (progress: DownloadProgress) => void;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** No usable model file: thrown with every way to provide one, because the first run is often offline or air-gapped. */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function defaultModelCacheDir(env: ModelEnv = process.env): string {
  if (env.TOOLGATE_CACHE_DIR) return resolve(env.TOOLGATE_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), "toolgate", "models");
  return join(homedir(), ".cache", "toolgate", "models");
}

/**
 * The descriptor actually used for `default`: TOOLGATE_MODEL_URL points at a mirror (or a loopback server in tests),
 * TOOLGATE_MODEL_SHA256 says the mirror serves a different file. A different file gets its own cache name so it is
 * never mistaken for the pinned default.
 */
export function effectiveDefaultModel(env: ModelEnv = process.env): ModelDescriptor & { sizeKnown: boolean } {
  const url = env.TOOLGATE_MODEL_URL?.trim() || defaultModel.url;
  const sha256 = env.TOOLGATE_MODEL_SHA256?.trim().toLowerCase() || defaultModel.sha256;
  // Checked before anything is fetched: a typo here would otherwise surface only after a 1 GB download.
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new ModelUnavailableError(`TOOLGATE_MODEL_SHA256 is not a SHA-256 (64 hex digits): ${JSON.stringify(env.TOOLGATE_MODEL_SHA256)} — print the mirror file's with \`sha256sum <file>\``);
  }
  if (sha256 === defaultModel.sha256) return { ...defaultModel, url, sizeKnown: true };
  const fromUrl = basename(new URL(url).pathname);
  const fileName = /\.gguf$/i.test(fromUrl) ? fromUrl : `${sha256.slice(0, 16)}.gguf`;
  return { ...defaultModel, name: fileName, fileName, url, sha256, sizeBytes: 0, sizeKnown: false };
}

export async function resolveModelPath(options: ResolveModelPathOptions): Promise<string> {
  const env = options.env ?? process.env;
  if (options.model !== "default") return resolveLocalPath(options.model);

  const descriptor = effectiveDefaultModel(env);
  const cacheDir = options.cacheDir ? resolve(options.cacheDir) : defaultModelCacheDir(env);
  const destination = join(cacheDir, descriptor.fileName);
  if (await isCached(destination, descriptor)) return destination;

  try {
    await downloadFile({
      url: descriptor.url,
      destination,
      sha256: descriptor.sha256,
      expectedSize: descriptor.sizeKnown ? descriptor.sizeBytes : undefined,
      onProgress: options.onProgress,
      fetch: options.fetch,
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ModelUnavailableError(unavailableMessage(descriptor, destination, error), { cause: error });
  }
  return destination;
}

async function resolveLocalPath(model: string): Promise<string> {
  const path = resolve(model);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new ModelUnavailableError(
      `no GGUF model file at ${path}. Check the path in --model llama:<path> (or TOOLGATE_MODEL), ` +
        `or use --model llama:default to download the default model.`,
    );
  }
  return path;
}

/** The pinned default is recognised by size (hashing ~1 GB on every start is too slow); an override by its hash. */
async function isCached(path: string, descriptor: ModelDescriptor & { sizeKnown: boolean }): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  if (descriptor.sizeKnown) return info.size === descriptor.sizeBytes;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex") === descriptor.sha256;
}

/** One line, as the README promises: the cause, then every other way to provide a model. */
function unavailableMessage(descriptor: ModelDescriptor, destination: string, error: unknown): string {
  // The download error usually repeats the URL; it is named once.
  const reason = (error instanceof Error ? error.message : String(error)).split(descriptor.url).join("it").replace(/\s*[\r\n]+\s*/g, " ");
  const size = descriptor.sizeBytes > 0 ? `, ${Math.round(descriptor.sizeBytes / 1_000_000)} MB` : "";
  return (
    `the default model (${descriptor.name}${size}) is not cached and could not be downloaded from ${descriptor.url} (${reason}); ` +
    `provide one: --model llama:<file.gguf> (or TOOLGATE_MODEL=llama:<file.gguf>), the file placed at ${destination} (SHA-256 ${descriptor.sha256}), ` +
    `a mirror TOOLGATE_MODEL_URL=<url of the .gguf> (with TOOLGATE_MODEL_SHA256=<hex> if it serves another file), ` +
    `or an HTTP model (--model openai-compatible:<baseURL>#<model>, ollama:<model>, openai:<model>)`
  );
}
