// --router and --embedding-model, shared by `run`, `chat` and `eval run`: which tools the model sees at each step.
import type { Command } from "commander";
import { Option } from "commander";
import type { RunAgentOptions } from "../agent/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { RouterName } from "../route/index.js";
import { acceptedEmbeddingSpecs, createEmbeddingModel, createRouter, RouterConfigError, routerNames } from "../route/index.js";
import { usageError } from "./cli-error.js";

export interface RouterFlags {
  router?: RouterName;
  embeddingModel?: string;
}

export function addRouterOptions(command: Command): Command {
  return command
    .addOption(new Option("--router <name>", "narrow the tools shown per step (default: flat, every tool)").choices(routerNames))
    .option("--embedding-model <spec>", `for --router embedding: ${acceptedEmbeddingSpecs.join(" | ")} (default: $TOOLGATE_EMBEDDING_MODEL)`);
}

/** The agent loop's `selectTools` for the chosen router, or undefined for the flat default. */
export function routerFor(flags: RouterFlags, model: ModelAdapter, env: NodeJS.ProcessEnv): RunAgentOptions["selectTools"] | undefined {
  if (flags.router === undefined) return undefined;
  try {
    const embeddingSpec = flags.embeddingModel ?? env.TOOLGATE_EMBEDDING_MODEL?.trim();
    if (flags.router === "embedding" && !embeddingSpec) {
      throw new RouterConfigError(`--router embedding needs an embedding model: pass --embedding-model <spec> (${acceptedEmbeddingSpecs.join(" | ")}) or set TOOLGATE_EMBEDDING_MODEL`);
    }
    // Two-stage and hybrid routing ask the same model to pick capability areas, as they would in production.
    return createRouter(flags.router, { model, ...(flags.router === "embedding" && embeddingSpec ? { embeddingModel: createEmbeddingModel(embeddingSpec, env) } : {}) });
  } catch (error) {
    throw error instanceof RouterConfigError ? usageError(error.message, error) : error;
  }
}
