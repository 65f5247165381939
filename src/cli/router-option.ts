// --router, --embedding-model and --examples, shared by `run`, `chat` and `eval run`: which tools the model sees at each step.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import type { RunAgentOptions } from "../agent/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { RouterName, ToolExamples } from "../route/index.js";
import { acceptedEmbeddingSpecs, createEmbeddingModel, createRouter, parseToolExamples, RouterConfigError, routerNames } from "../route/index.js";
import { usageError } from "./cli-error.js";

export interface RouterFlags {
  router?: RouterName;
  embeddingModel?: string;
  /** A JSON file of example requests per tool, as `toolgate route enrich` writes it. */
  examples?: string;
}

export const examplesFlagHelp = "example requests per tool (JSON from `toolgate route enrich`), matched like description text by the bm25, embedding, two-stage and hybrid routers";

export function addRouterOptions(command: Command): Command {
  return command
    .addOption(new Option("--router <name>", "narrow the tools shown per step (default: flat, every tool)").choices(routerNames))
    .option("--embedding-model <spec>", `for --router embedding: ${acceptedEmbeddingSpecs.join(" | ")} (default: $TOOLGATE_EMBEDDING_MODEL)`)
    .option("--examples <file>", examplesFlagHelp);
}

/** The agent loop's `selectTools` for the chosen router, or undefined for the flat default. `cwd` resolves --examples. */
export function routerFor(flags: RouterFlags, model: ModelAdapter, env: NodeJS.ProcessEnv, cwd = process.cwd()): RunAgentOptions["selectTools"] | undefined {
  checkExamplesUse(flags.router, flags.examples);
  if (flags.router === undefined) return undefined;
  try {
    const embeddingSpec = flags.embeddingModel ?? env.TOOLGATE_EMBEDDING_MODEL?.trim();
    if (flags.router === "embedding" && !embeddingSpec) {
      throw new RouterConfigError(`--router embedding needs an embedding model: pass --embedding-model <spec> (${acceptedEmbeddingSpecs.join(" | ")}) or set TOOLGATE_EMBEDDING_MODEL`);
    }
    const examples = flags.examples === undefined ? undefined : loadExamplesFile(flags.examples, cwd);
    // Two-stage and hybrid routing ask the same model to pick capability areas, as they would in production.
    return createRouter(flags.router, {
      model,
      ...(examples ? { examples } : {}),
      ...(flags.router === "embedding" && embeddingSpec ? { embeddingModel: createEmbeddingModel(embeddingSpec, env) } : {}),
    });
  } catch (error) {
    throw error instanceof RouterConfigError ? usageError(error.message, error) : error;
  }
}

/** Examples only change what a narrowing router matches; with every tool shown they would silently do nothing. */
export function checkExamplesUse(router: RouterName | undefined, examples: string | undefined): void {
  if (examples !== undefined && (router === undefined || router === "flat")) {
    throw usageError(`--examples needs a router that matches requests against tools: add --router bm25 (or embedding, two-stage, hybrid)`);
  }
}

/** Reads and checks an example map; every problem is a usage error naming the file and the fix. */
export function loadExamplesFile(file: string, cwd: string): ToolExamples {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw usageError(`--examples ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); write one with toolgate route enrich --from <cases file> --out ${file}`, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError(`--examples ${file}: not valid JSON (${(error as Error).message}); write it with toolgate route enrich --from <cases file> --out ${file}`, error);
  }
  try {
    return parseToolExamples(value);
  } catch (error) {
    throw error instanceof RouterConfigError ? usageError(`--examples ${file}: ${error.message}`, error) : error;
  }
}
