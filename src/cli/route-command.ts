// `toolgate route "<query>"`: what a router would expose for one request, and why (scores, areas, matched words).
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { createCustomerServiceCatalog } from "../catalog/index.js";
import type { ChatMessage, ModelAdapter } from "../model/index.js";
import type { RouterDeps, RouterName } from "../route/index.js";
import { acceptedEmbeddingSpecs, createEmbeddingModel, createRouter, explainSelection, RouterConfigError, routerNames } from "../route/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { createToolRegistry } from "../tool/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { loadModel } from "./load-model.js";
import { loadTools } from "./load-tools.js";

interface RouteOptions {
  tools?: string;
  router: RouterName;
  k?: number;
  maxAreas?: number;
  picker: "model" | "bm25";
  model?: string;
  embeddingModel?: string;
  json?: boolean;
}

export function registerRouteCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  program
    .command("route")
    .description("show which tools a router would expose for a request, and why")
    .argument("<query>", "the user request to route")
    .option("--tools <file>", "a .ts/.js/.mjs module exporting `tools` (and optionally `areas`); default: the customer-service example")
    .addOption(new Option("--router <name>", "how to choose tools").choices(routerNames).default("bm25"))
    .option("--k <n>", "tools retrieval exposes (bm25, embedding, and the retrieval part of two-stage and hybrid)", positiveInteger("--k"))
    .option("--max-areas <n>", "areas one pick may name (two-stage, hybrid)", positiveInteger("--max-areas"))
    .addOption(new Option("--picker <who>", "who picks areas for two-stage and hybrid").choices(["model", "bm25"]).default("model"))
    .option("--model <spec>", "the model that picks areas when --picker is model (default: $TOOLGATE_MODEL, else the embedded default)")
    .option("--embedding-model <spec>", `for --router embedding: ${acceptedEmbeddingSpecs.join(" | ")} (default: $TOOLGATE_EMBEDDING_MODEL)`)
    .option("--json", "print the decision as JSON (nothing else on stdout)")
    .action(async (query: string, options: RouteOptions) => {
      done(await route(query, options, io));
    });
}

async function route(query: string, options: RouteOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const { registry, close } = await catalogue(options.tools, cwd);
  let model: ModelAdapter | undefined;
  try {
    const deps: RouterDeps = {};
    const needsModel = (options.router === "two-stage" || options.router === "hybrid") && options.picker === "model";
    if (needsModel) deps.model = model = await loadModel({ spec: options.model, env: io.env, stderr: io.stderr });
    if (options.router === "embedding") deps.embeddingModel = embeddingModel(options.embeddingModel ?? io.env.TOOLGATE_EMBEDDING_MODEL?.trim(), io.env);

    let router;
    try {
      router = createRouter(routerSpec(options), deps);
    } catch (error) {
      throw error instanceof RouterConfigError ? usageError(error.message, error) : error;
    }
    const messages: ChatMessage[] = [{ role: "user", content: query }];
    const selection = await router({ step: 0, messages, registry, signal: new AbortController().signal });
    const rows = explainSelection(registry, messages, selection);
    const catalogueTools = rows.filter((row) => !row.metaTool).length;

    if (options.json) {
      writeLine(io.stdout, JSON.stringify({ query, catalogueSize: registry.tools.length, routing: selection.routing, exposed: rows }, null, 2));
      return 0;
    }
    writeLine(io.stdout, `router: ${selection.routing.router} — ${selection.routing.reason ?? ""}`.trimEnd());
    if (selection.routing.areas) writeLine(io.stdout, `areas: ${selection.routing.areas.join(", ")}`);
    writeLine(io.stdout);
    writeLine(io.stdout, formatRows(rows));
    writeLine(io.stdout);
    writeLine(io.stdout, `${catalogueTools} of ${registry.tools.length} tools exposed${rows.length > catalogueTools ? " (+ search_tools)" : ""}`);
    return 0;
  } finally {
    await model?.close?.();
    close();
  }
}

function routerSpec(options: RouteOptions) {
  const shared = { ...(options.k === undefined ? {} : { k: options.k }) };
  switch (options.router) {
    case "flat":
      return { router: "flat" as const };
    case "bm25":
    case "embedding":
      return { router: options.router, ...shared };
    case "two-stage":
    case "hybrid":
      return { router: options.router, ...shared, picker: options.picker, ...(options.maxAreas === undefined ? {} : { maxAreas: options.maxAreas }) };
  }
}

function embeddingModel(spec: string | undefined, env: NodeJS.ProcessEnv) {
  if (!spec) throw usageError(`--router embedding needs an embedding model: pass --embedding-model <spec> (${acceptedEmbeddingSpecs.join(" | ")}) or set TOOLGATE_EMBEDDING_MODEL`);
  try {
    return createEmbeddingModel(spec, env);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), error);
  }
}

/** The --tools module, or the example catalogue in memory: routing reads definitions only, so no database file is made. */
async function catalogue(file: string | undefined, cwd: string): Promise<{ registry: ToolRegistry; close(): void }> {
  if (file !== undefined) return loadTools({ file, cwd, dataDir: cwd });
  const example = createCustomerServiceCatalog();
  try {
    return { registry: createToolRegistry({ tools: example.tools, areas: example.areas }), close: () => example.close() };
  } catch (error) {
    example.close();
    throw error;
  }
}

function formatRows(rows: ReturnType<typeof explainSelection>): string {
  const table = [
    ["tool", "area", "score", "matched"],
    ...rows.map((row) => [
      row.name,
      row.area,
      row.score === undefined ? "-" : String(row.score),
      row.metaTool ? "(meta-tool: searches the whole catalogue)" : row.matched.length === 0 ? "-" : row.matched.map((part) => `${part.term} ${part.score}`).join(", "),
    ]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((line) => line[column]!.length)));
  return table.map((line) => line.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join("  ").trimEnd()).join("\n");
}

function positiveInteger(flag: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < 1) {
      throw new InvalidArgumentError(`${flag} takes a whole number of at least 1, e.g. ${flag} 5`);
    }
    return parsed;
  };
}
