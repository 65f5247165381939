// Reads toolgate.yaml: YAML syntax and schema problems are reported as file:line:col, relative paths resolve against the file.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { Document } from "yaml";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { RuntimeConfig } from "./config-schema.js";
import { runtimeConfigSchema } from "./config-schema.js";
import { RuntimeConfigError } from "./runtime-error.js";

/** Loads and checks a config file; `shown` is how the file is named in messages (as the user typed it). */
export function loadRuntimeConfig(path: string, shown = path): RuntimeConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RuntimeConfigError("config", `${shown}: ${code === "ENOENT" ? "no such file" : `cannot read it (${code ?? (error as Error).message})`}; see docs/configuration.md for the format`, { cause: error });
  }
  return resolvePaths(parseRuntimeConfig(text, shown), dirname(resolve(path)));
}

/** Parses and checks config text; every problem is listed as `source:line:col: key: what is wrong`. */
export function parseRuntimeConfig(text: string, source = "(config)"): RuntimeConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return `${source}:${line}:${col}: YAML syntax: ${error.message.split("\n")[0]}`;
    });
    throw new RuntimeConfigError("config", problems.join("\n"));
  }
  const value: unknown = document.toJS() ?? {};
  const checked = runtimeConfigSchema.safeParse(value);
  if (checked.success) return checked.data;
  const problems = checked.error.issues.map((issue) => {
    const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
    const where = locate(document, lineCounter, path);
    return `${source}${where}: ${path.length > 0 ? `${path.join(".")}: ` : ""}${issue.message}`;
  });
  throw new RuntimeConfigError("config", problems.join("\n"));
}

/** `:line:col` of the deepest node on `path` that exists (an unknown key points at the key itself). */
function locate(document: Document, lineCounter: LineCounter, path: Array<string | number>): string {
  let node: unknown = document.contents;
  let offset: number | undefined = rangeStart(node);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === part);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? offset;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  if (offset === undefined) return "";
  const { line, col } = lineCounter.linePos(offset);
  return `:${line}:${col}`;
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
}

/** File settings are relative to the config file, not to wherever the command was started. */
function resolvePaths(config: RuntimeConfig, base: string): RuntimeConfig {
  const file = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const store = (url: string) => (url.startsWith("sqlite:") && !url.startsWith("sqlite::memory:") ? `sqlite:${file(url.slice("sqlite:".length))}` : url);
  return {
    ...config,
    ...(config.tools !== undefined ? { tools: file(config.tools) } : {}),
    ...(config.dataDir !== undefined ? { dataDir: file(config.dataDir) } : {}),
    ...(config.policy !== undefined ? { policy: file(config.policy) } : {}),
    ...(config.pins !== undefined ? { pins: file(config.pins) } : {}),
    ...(typeof config.audit === "string" ? { audit: store(config.audit) } : {}),
    ...(typeof config.approvals === "string" ? { approvals: store(config.approvals) } : {}),
    ...(config.capture !== undefined ? { capture: store(config.capture) } : {}),
    ...(config.limits?.counters !== undefined ? { limits: { ...config.limits, counters: store(config.limits.counters) } } : {}),
    ...(config.router ? { router: { ...config.router, ...(config.router.examples !== undefined ? { examples: file(config.router.examples) } : {}) } } : {}),
  };
}
