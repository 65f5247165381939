// The tools a runtime offers: a user's tools module (loaded through tsx, so .ts works), or the customer-service example.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, isAbsolute, join, relative, resolve } from "node:path";
import type { CapabilityArea, ToolDefinition, ToolRegistry } from "../tool/index.js";
import { createToolRegistry } from "../tool/index.js";
import type { SettingLabel } from "./runtime-error.js";
import { configKeyLabel, RuntimeConfigError } from "./runtime-error.js";

export interface LoadedTools {
  registry: ToolRegistry;
  systemPrompt?: string;
  /** Where the tools came from, for a banner. */
  source: string;
  close(): void;
}

export interface LoadToolsOptions {
  /** The tools module; the example catalog when absent. */
  file?: string;
  /** Where the example catalog keeps its SQLite file. */
  dataDir: string;
  cwd: string;
  label?: SettingLabel;
}

const defaultDataDirName = ".toolgate";
const exampleDatabaseName = "customer-service.db";

const toolsModuleShape =
  "a .ts, .js or .mjs module must export `tools`, a non-empty array of tool definitions " +
  "(`export const tools = [defineTool({ ... })]`), and may export `areas` and `systemPrompt`";

/** The data directory setting, else TOOLGATE_HOME, else `.toolgate` in the working directory. */
export function resolveDataDir(setting: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, setting ?? (env.TOOLGATE_HOME?.trim() || defaultDataDirName));
}

export async function loadTools(options: LoadToolsOptions): Promise<LoadedTools> {
  const label = options.label ?? configKeyLabel;
  return options.file === undefined ? loadExampleCatalog(options, label) : loadToolsModule(resolve(options.cwd, options.file), options.cwd, label);
}

async function loadExampleCatalog(options: LoadToolsOptions, label: SettingLabel): Promise<LoadedTools> {
  const databasePath = join(options.dataDir, exampleDatabaseName);
  try {
    mkdirSync(options.dataDir, { recursive: true });
  } catch (error) {
    throw new RuntimeConfigError(
      "dataDir",
      `cannot create the data directory ${options.dataDir}: ${messageOf(error)}; set ${label("dataDir")} <dir> (or TOOLGATE_HOME) to a writable directory`,
      { cause: error },
    );
  }
  // Imported here: the example opens SQLite, which a run over the user's own tools never needs.
  const { createCustomerServiceCatalog } = await import("../examples/index.js");
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

async function loadToolsModule(path: string, cwd: string, label: SettingLabel): Promise<LoadedTools> {
  const shown = displayPath(path, cwd);
  const fail = (message: string, cause?: unknown) => new RuntimeConfigError("tools", `${label("tools")} ${shown}${message}`, cause === undefined ? undefined : { cause });
  if (!existsSync(path) || !statSync(path).isFile()) throw fail(`: no such file; ${toolsModuleShape}`);
  let loaded: Record<string, unknown>;
  try {
    // tsImport handles .ts and plain JavaScript alike, and scopes its loader to this one import.
    const { tsImport } = await import("tsx/esm/api");
    loaded = (await tsImport(path, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const located = await locateSyntaxError(path, shown);
    throw fail(located ? ` has a syntax error: ${located}` : ` could not be loaded: ${firstLine(messageOf(error))}`, error);
  }
  // A module tsx compiles as CommonJS exposes its exports under `default` too.
  const exports = pickExports(loaded);
  const tools = exports.tools;
  if (!Array.isArray(tools) || tools.length === 0 || !tools.every(isToolLike)) {
    const found = tools === undefined ? "it exports no `tools`" : "its `tools` is not a non-empty array of tool definitions";
    throw fail(`: ${found}; ${toolsModuleShape}`);
  }
  if (exports.systemPrompt !== undefined && typeof exports.systemPrompt !== "string") throw fail(": `systemPrompt` must be a string");
  if (exports.areas !== undefined && !Array.isArray(exports.areas)) throw fail(": `areas` must be an array of { name, description }");
  let registry: ToolRegistry;
  try {
    registry = createToolRegistry({ tools: tools as ToolDefinition[], areas: exports.areas as CapabilityArea[] | undefined });
  } catch (error) {
    throw fail(`: ${messageOf(error)}`, error);
  }
  return {
    registry,
    systemPrompt: exports.systemPrompt as string | undefined,
    source: shown,
    close: () => {},
  };
}

/**
 * `file:line:col: what` for a module that does not parse, or undefined when it parses (the failure was elsewhere).
 * Loading reports a bare "Unexpected token" for JavaScript and "Transform failed with 1 error" for TypeScript; esbuild,
 * which tsx compiles with, says where.
 */
async function locateSyntaxError(path: string, shown: string): Promise<string | undefined> {
  const extension = extname(path).toLowerCase();
  const loader = extension === ".ts" || extension === ".mts" || extension === ".cts" ? "ts" : extension === ".tsx" ? "tsx" : extension === ".jsx" ? "jsx" : "js";
  const { transform } = await import("esbuild");
  try {
    await transform(readFileSync(path, "utf8"), { loader, sourcefile: shown, format: "esm", logLevel: "silent" });
    return undefined;
  } catch (error) {
    const first = (error as { errors?: Array<{ text: string; location?: { line: number; column: number } | null }> }).errors?.[0];
    if (!first) return undefined;
    // esbuild counts columns from 0; editors and compilers count from 1.
    return first.location ? `${shown}:${first.location.line}:${first.location.column + 1}: ${first.text}` : `${shown}: ${first.text}`;
  }
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
