// The recipe step registry: each step is a name, a Zod schema for its options and a run function over the shared
// context. Steps register themselves (core steps here, token/bundle steps from their own modules), so adding a step
// never edits the runner.
import type { z } from "zod";
import type { DatasetRecord, JsonObject } from "../record.js";

export interface RecipeContext {
  /** Directory relative paths in the recipe resolve against. */
  baseDir: string;
  /** Where steps write their outputs. */
  outDir: string;
  seed: number;
  /** The working rows (input order kept); steps replace it. */
  records: DatasetRecord[];
  /** Set by the split step; later steps (export, bundle) use it when present. */
  splits?: Record<string, DatasetRecord[]>;
  /** One entry per finished step: what it did, in numbers (the manifest and card read it). */
  reports: { step: string; report: JsonObject }[];
  /** Files written by steps, for manifests. */
  files: string[];
  log: (line: string) => void;
}

export interface RecipeStep<Options = unknown> {
  name: string;
  description: string;
  options: z.ZodType<Options>;
  run(context: RecipeContext, options: Options): Promise<JsonObject>;
}

const registry = new Map<string, RecipeStep<never>>();

export function registerRecipeStep<Options>(step: RecipeStep<Options>): void {
  if (registry.has(step.name)) throw new Error(`recipe step ${JSON.stringify(step.name)} is registered twice`);
  registry.set(step.name, step as unknown as RecipeStep<never>);
}

export function recipeStep(name: string): RecipeStep<unknown> | undefined {
  return registry.get(name) as RecipeStep<unknown> | undefined;
}

export function recipeStepNames(): string[] {
  return [...registry.keys()];
}
