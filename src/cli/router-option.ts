// --router, --embedding-model and --examples, shared by `run`, `chat` and `eval run`: which tools the model sees at each step.
import type { Command } from "commander";
import { Option } from "commander";
import type { RouterName } from "../route/index.js";
import { acceptedEmbeddingSpecs, routerNames } from "../route/index.js";
import type { RuntimeConfig } from "../runtime/index.js";
import { checkExamplesUse } from "../runtime/index.js";
import { flagLabel } from "./flag-label.js";

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

/** The runtime's router setting from the flags, over the one a config file gave (--examples alone keeps the file's router). */
export function routerSetting(flags: RouterFlags, fromFile?: RuntimeConfig["router"]): RuntimeConfig["router"] {
  const name = flags.router ?? fromFile?.name;
  checkExamplesUse(name, flags.examples, flagLabel);
  if (name === undefined) return undefined;
  const embeddingModel = flags.embeddingModel ?? fromFile?.embeddingModel;
  const examples = flags.examples ?? fromFile?.examples;
  return { name, ...(embeddingModel !== undefined ? { embeddingModel } : {}), ...(examples !== undefined ? { examples } : {}) };
}
