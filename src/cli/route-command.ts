// `toolgate route "<query>"`: what a router would expose for one request, and why (scores, areas, matched words).
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { createCustomerServiceCatalog } from "../examples/index.js";
import type { ChatMessage, RoutingDecision } from "../record/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { RouterDeps, RouterName, ToolExamples } from "../route/index.js";
import { acceptedEmbeddingSpecs, createEmbeddingModel, createRouter, defaultMaxAreas, explainSelection, RouterConfigError, routerNames } from "../route/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { createToolRegistry } from "../tool/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { checkExamplesUse, loadExamplesFile, loadTools } from "../runtime/index.js";
import { loadCliModel } from "./cli-runtime.js";
import { flagLabel } from "./flag-label.js";
import { registerRouteEnrichCommand } from "./route-enrich-command.js";
import { examplesFlagHelp } from "./router-option.js";

interface RouteOptions {
  tools?: string;
  router: RouterName;
  k?: number;
  maxAreas?: number;
  areaScoreRatio?: number;
  picker: "model" | "bm25";
  model?: string;
  embeddingModel?: string;
  examples?: string;
  json?: boolean;
}

export function registerRouteCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const route = program
    .command("route")
    .description("show which tools a router would expose for a request, and why (`route enrich` learns --examples from cases)")
    // Otherwise "help" would be taken as a subcommand rather than a request to route.
    .helpCommand(false)
    .argument("<query>", "the user request to route")
    .option("--tools <file>", "a .ts/.js/.mjs module exporting `tools` (and optionally `areas`); default: the customer-service example")
    .addOption(new Option("--router <name>", "how to choose tools").choices(routerNames).default("bm25"))
    .option("--k <n>", "tools retrieval exposes (bm25, embedding, and the retrieval part of two-stage and hybrid)", positiveInteger("--k"))
    .option("--max-areas <n>", "most areas one pick may name (two-stage, hybrid; default 3)", positiveInteger("--max-areas"))
    .option("--area-score-ratio <r>", "bm25 picker: add an area while it scores at least this share of the best (0-1, default 0.5; 0 = always --max-areas)", shareOfOne("--area-score-ratio"))
    .addOption(new Option("--picker <who>", "who picks areas for two-stage and hybrid").choices(["model", "bm25"]).default("model"))
    .option("--model <spec>", "the model that picks areas when --picker is model (default: $TOOLGATE_MODEL, else the embedded default)")
    .option("--embedding-model <spec>", `for --router embedding: ${acceptedEmbeddingSpecs.join(" | ")} (default: $TOOLGATE_EMBEDDING_MODEL)`)
    .option("--examples <file>", examplesFlagHelp)
    .option("--json", "print the decision as JSON (nothing else on stdout)")
    .action(async (query: string, options: RouteOptions) => {
      done(await routeQuery(query, options, io));
    });
  registerRouteEnrichCommand(route, io, done);
}

async function routeQuery(query: string, options: RouteOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  checkExamplesUse(options.router, options.examples, flagLabel);
  // Before the catalogue and the model: a bad examples file should fail before anything is loaded.
  const examples = options.examples === undefined ? undefined : await loadExamplesFile(options.examples, cwd, flagLabel);
  const { registry, close } = await catalogue(options.tools, cwd);
  let model: ModelAdapter | undefined;
  try {
    const deps: RouterDeps = examples ? { examples } : {};
    const needsModel = (options.router === "two-stage" || options.router === "hybrid") && options.picker === "model";
    if (needsModel) deps.model = model = await loadCliModel(options, io);
    if (options.router === "embedding") deps.embeddingModel = await embeddingModel(options.embeddingModel ?? io.env.TOOLGATE_EMBEDDING_MODEL?.trim(), io.env);

    let router;
    try {
      router = createRouter(routerSpec(options), deps);
    } catch (error) {
      throw error instanceof RouterConfigError ? usageError(error.message, error) : error;
    }
    const messages: ChatMessage[] = [{ role: "user", content: query }];
    const selection = await router({ step: 0, messages, registry, signal: new AbortController().signal });
    // The same examples in the explanation, so words matched only through an example show as evidence.
    const rows = explainSelection(registry, messages, selection, examples ? { examples } : {});
    const catalogueTools = rows.filter((row) => !row.metaTool).length;
    const used = examples && examplesSummary(examples, registry, options.examples!);

    if (options.json) {
      writeLine(io.stdout, JSON.stringify({ query, catalogueSize: registry.tools.length, ...(used ? { examples: used } : {}), routing: selection.routing, exposed: rows }, null, 2));
      return 0;
    }
    writeLine(io.stdout, `router: ${selection.routing.router} — ${selection.routing.reason ?? ""}`.trimEnd());
    const areaLine = areaPickLine(selection.routing, registry, options, model?.id);
    if (areaLine) writeLine(io.stdout, areaLine);
    if (used) {
      const unknown = used.unknownTools.length > 0 ? `; ${used.unknownTools.length} ${used.unknownTools.length === 1 ? "names" : "name"} no tool in this catalogue (${used.unknownTools.slice(0, 5).join(", ")}${used.unknownTools.length > 5 ? ", …" : ""})` : "";
      writeLine(io.stdout, `examples: ${used.examples} for ${used.tools} tools from ${used.file}${unknown}`);
    }
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

/**
 * Who picked the areas and at what cost, or that no pick was used: the reason line says why a two-stage router fell
 * back, this line says plainly that it did and what the pick cost all the same.
 */
function areaPickLine(routing: RoutingDecision, registry: ToolRegistry, options: RouteOptions, modelId: string | undefined): string | undefined {
  if (routing.router !== "two-stage" && routing.router !== "hybrid") return undefined;
  const model = modelId ? `the model ${modelId}` : "the model";
  // latencyMs is set exactly when this decision called the model; usage is missing when that call failed.
  const cost = routing.latencyMs === undefined ? undefined : routing.usage ? `${routing.latencyMs} ms, ${routing.usage.totalTokens} tokens` : undefined;
  const failed = routing.latencyMs !== undefined && !routing.usage;
  if (routing.areas) {
    const populated = new Set(registry.tools.map((tool) => tool.area)).size;
    const who =
      populated <= (options.maxAreas ?? defaultMaxAreas)
        ? `all of them: ${populated} area(s) fit in one pick, so none was asked for (no model call)`
        : options.picker === "bm25"
          ? "picked by bm25 over the area descriptions (no model call)"
          : `picked by ${model}${cost ? ` (${cost})` : ""}`;
    return `area pick: ${routing.areas.join(", ")} — ${who}`;
  }
  const instead = routing.router === "two-stage" ? "fell back to bm25 retrieval" : "the tools are retrieval's alone";
  const spent = failed ? `; the pick by ${model} failed after ${routing.latencyMs} ms` : cost ? `; the pick by ${model} cost ${cost}` : "";
  return `area pick: none used — ${instead}${spent}`;
}

function examplesSummary(examples: ToolExamples, registry: ToolRegistry, file: string) {
  const tools = Object.keys(examples);
  return {
    file,
    tools: tools.length,
    examples: tools.reduce((sum, tool) => sum + examples[tool]!.length, 0),
    unknownTools: tools.filter((tool) => !registry.get(tool)),
  };
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
      return { router: options.router, ...shared, picker: options.picker, ...(options.maxAreas === undefined ? {} : { maxAreas: options.maxAreas }), ...(options.areaScoreRatio === undefined ? {} : { areaScoreRatio: options.areaScoreRatio }) };
  }
}

async function embeddingModel(spec: string | undefined, env: NodeJS.ProcessEnv) {
  if (!spec) throw usageError(`--router embedding needs an embedding model: pass --embedding-model <spec> (${acceptedEmbeddingSpecs.join(" | ")}) or set TOOLGATE_EMBEDDING_MODEL`);
  try {
    return await createEmbeddingModel(spec, env);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), error);
  }
}

/** The --tools module, or the example catalogue in memory: routing reads definitions only, so no database file is made. */
async function catalogue(file: string | undefined, cwd: string): Promise<{ registry: ToolRegistry; close(): void }> {
  if (file !== undefined) return loadTools({ file, cwd, dataDir: cwd, label: flagLabel });
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

function shareOfOne(flag: string): (value: string) => number {
  return (value) => {
    const share = Number(value);
    if (value.trim() === "" || !(share >= 0 && share <= 1)) throw new InvalidArgumentError(`${flag} must be a number from 0 to 1, got ${JSON.stringify(value)}`);
    return share;
  };
}
