// The tools a CLI run offers: a user's --tools module (loaded through tsx, so .ts works), or the customer-service example.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { tsImport } from "tsx/esm/api";
import { createCustomerServiceCatalog } from "../catalog/index.js";
import type { CapabilityArea, ToolDefinition, ToolRegistry } from "../tool/index.js";
import { createToolRegistry } from "../tool/index.js";
import { usageError } from "./cli-error.js";

export interface LoadedTools {
  registry: ToolRegistry;
  systemPrompt?: string;
  /** Where the tools came from, for the chat banner. */
  source: string;
  close(): void;
}

export interface LoadToolsOptions {
  /** The --tools file; the example catalog when absent. */
  file?: string;
  /** Where the example catalog keeps its SQLite file. */
  dataDir: string;
  cwd: string;
}

export const defaultDataDirName = ".toolgate";
export const exampleDatabaseName = "customer-service.db";

const toolsModuleShape =
  "a .ts, .js or .mjs module must export `tools`, a non-empty array of tool definitions " +
  "(`export const tools = [defineTool({ ... })]`), and may export `areas` and `systemPrompt`";

/** --data-dir, else TOOLGATE_HOME, else `.toolgate` in the working directory. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, flag ?? (env.TOOLGATE_HOME?.trim() || defaultDataDirName));
}

export async function loadTools(options: LoadToolsOptions): Promise<LoadedTools> {
  return options.file === undefined ? loadExampleCatalog(options) : loadToolsModule(resolve(options.cwd, options.file), options.cwd);
}

function loadExampleCatalog(options: LoadToolsOptions): LoadedTools {
  const databasePath = join(options.dataDir, exampleDatabaseName);
  try {
    mkdirSync(options.dataDir, { recursive: true });
  } catch (error) {
    throw usageError(`cannot create the data directory ${options.dataDir}: ${messageOf(error)}; pass --data-dir <dir> (or set TOOLGATE_HOME) to a writable directory`, error);
  }
  const catalog = createCustomerServiceCatalog({ databasePath });
  try {
    return {
      registry: createToolRegistry({ tools: catalog.tools, areas: catalog.areas }),
      systemPrompt: catalog.systemPrompt,
      source: `customer-service example (${displayPath(databasePath, options.cwd)})`,
      close: () => catalog.close(),
    };
  } catch (error) {
    catalog.close();
    throw error;
  }
}

async function loadToolsModule(path: string, cwd: string): Promise<LoadedTools> {
  const shown = displayPath(path, cwd);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw usageError(`--tools ${shown}: no such file; ${toolsModuleShape}`);
  }
  let loaded: Record<string, unknown>;
  try {
    // tsImport handles .ts and plain JavaScript alike, and scopes its loader to this one import.
    loaded = (await tsImport(path, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw usageError(`--tools ${shown} could not be loaded: ${firstLine(messageOf(error))}`, error);
  }
  // A module tsx compiles as CommonJS exposes its exports under `default` too.
  const exports = pickExports(loaded);
  const tools = exports.tools;
  if (!Array.isArray(tools) || tools.length === 0 || !tools.every(isToolLike)) {
    const found = tools === undefined ? "it exports no `tools`" : "its `tools` is not a non-empty array of tool definitions";
    throw usageError(`--tools ${shown}: ${found}; ${toolsModuleShape}`);
  }
  if (exports.systemPrompt !== undefined && typeof exports.systemPrompt !== "string") {
    throw usageError(`--tools ${shown}: \`systemPrompt\` must be a string`);
  }
  if (exports.areas !== undefined && !Array.isArray(exports.areas)) {
    throw usageError(`--tools ${shown}: \`areas\` must be an array of { name, description }`);
  }
  let registry: ToolRegistry;
  try {
    registry = createToolRegistry({ tools: tools as ToolDefinition[], areas: exports.areas as CapabilityArea[] | undefined });
  } catch (error) {
    throw usageError(`--tools ${shown}: ${messageOf(error)}`, error);
  }
  return {
    registry,
    systemPrompt: exports.systemPrompt as string | undefined,
    source: shown,
    close: () => {},
  };
}

function pickExports(loaded: Record<string, unknown>): Record<string, unknown> {
  if (loaded.tools !== undefined) return loaded;
  const fallback = loaded.default;
  return fallback !== null && typeof fallback === "object" && "tools" in fallback ? (fallback as Record<string, unknown>) : loaded;
}

function isToolLike(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const tool = value as Record<string, unknown>;
  return typeof tool.name === "string" && typeof tool.execute === "function";
}

function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
