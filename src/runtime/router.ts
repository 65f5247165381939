// The router setting made into the agent loop's `selectTools`: the route room's router, its embedding model and example file.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RunAgentOptions } from "../agent/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { RouterName, ToolExamples } from "../route/index.js";
import type { RuntimeConfig } from "./config-schema.js";
import type { SettingLabel } from "./runtime-error.js";
import { configKeyLabel, RuntimeConfigError } from "./runtime-error.js";

export type RouterSetting = NonNullable<RuntimeConfig["router"]>;

/**
 * The loop's `selectTools` for the configured router, or undefined for the flat default (every tool, no router code
 * loaded). A model with a context window to budget (an embedded model) always gets one: the router's choice, fitted
 * to that context (see fitToContext). `cwd` resolves the examples file.
 */
export async function routerFor(
  setting: RouterSetting | undefined,
  model: ModelAdapter,
  options: { env: NodeJS.ProcessEnv; cwd: string; label?: SettingLabel },
): Promise<RunAgentOptions["selectTools"] | undefined> {
  const configured = await configuredRouter(setting, model, options);
  if (!model.contextWindow) return configured;
  const { createFlatRouter, fitToContext } = await import("../route/index.js");
  const router = configured ?? createFlatRouter();
  // fitToContext takes a route Router; a configured selectTools is one (createRouter), the flat default too.
  return fitToContext(model.contextWindow, router as Parameters<typeof fitToContext>[1]);
}

async function configuredRouter(
  setting: RouterSetting | undefined,
  model: ModelAdapter,
  options: { env: NodeJS.ProcessEnv; cwd: string; label?: SettingLabel },
): Promise<RunAgentOptions["selectTools"] | undefined> {
  const label = options.label ?? configKeyLabel;
  checkExamplesUse(setting?.name, setting?.examples, label);
  if (setting === undefined) return undefined;
  const route = await import("../route/index.js");
  try {
    const embeddingSpec = setting.embeddingModel ?? options.env.TOOLGATE_EMBEDDING_MODEL?.trim();
    if (setting.name === "embedding" && !embeddingSpec) {
      throw new RuntimeConfigError(
        "router.embeddingModel",
        `${label("router")} embedding needs an embedding model: pass ${label("router.embeddingModel")} <spec> (${route.acceptedEmbeddingSpecs.join(" | ")}) or set TOOLGATE_EMBEDDING_MODEL`,
      );
    }
    const examples = setting.examples === undefined ? undefined : await loadExamplesFile(setting.examples, options.cwd, label);
    // Two-stage and hybrid routing ask the same model to pick capability areas, as they would in production.
    return route.createRouter(setting.name as RouterName, {
      model,
      ...(examples ? { examples } : {}),
      ...(setting.name === "embedding" && embeddingSpec ? { embeddingModel: await route.createEmbeddingModel(embeddingSpec, options.env) } : {}),
    });
  } catch (error) {
    throw error instanceof route.RouterConfigError ? new RuntimeConfigError("router", error.message, { cause: error }) : error;
  }
}

/** Examples only change what a narrowing router matches; with every tool shown they would silently do nothing. */
export function checkExamplesUse(router: string | undefined, examples: string | undefined, label: SettingLabel = configKeyLabel): void {
  if (examples !== undefined && (router === undefined || router === "flat")) {
    throw new RuntimeConfigError("router.examples", `${label("router.examples")} needs a router that matches requests against tools: add ${label("router")} bm25 (or embedding, two-stage, hybrid)`);
  }
}

/** Reads and checks an example map; every problem names the file and the fix. */
export async function loadExamplesFile(file: string, cwd: string, label: SettingLabel = configKeyLabel): Promise<ToolExamples> {
  const { parseToolExamples, RouterConfigError } = await import("../route/index.js");
  const path = resolve(cwd, file);
  const fail = (message: string, cause?: unknown) => new RuntimeConfigError("router.examples", `${label("router.examples")} ${file}: ${message}`, cause === undefined ? undefined : { cause });
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw fail(`cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); write one with toolgate route enrich --from <cases file> --out ${file}`, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fail(`not valid JSON (${(error as Error).message}); write it with toolgate route enrich --from <cases file> --out ${file}`, error);
  }
  try {
    return parseToolExamples(value);
  } catch (error) {
    throw error instanceof RouterConfigError ? fail(error.message, error) : error;
  }
}
