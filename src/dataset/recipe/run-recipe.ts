// Runs a YAML recipe: named steps in order over one context, each step's options checked by its own schema before
// anything runs, each step's report kept (and written to <out>/report.json).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import "./builtin-steps.js";
import type { RecipeContext } from "./recipe-step.js";
import { recipeStep, recipeStepNames } from "./recipe-step.js";

export class RecipeError extends Error {
  override readonly name = "RecipeError";
}

const recipeSchema = z.strictObject({
  name: z.string().min(1).optional(),
  seed: z.number().int().default(0),
  out: z.string().min(1).default("dataset-build"),
  steps: z.array(z.record(z.string(), z.unknown()).refine((step) => Object.keys(step).length === 1, "each step is one key: the step's name, with its options")).min(1),
});

export interface ParsedRecipe {
  name?: string;
  seed: number;
  out: string;
  steps: { name: string; options: unknown }[];
}

export function parseRecipe(text: string, file: string): ParsedRecipe {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new RecipeError(`${file}: not YAML: ${(error as Error).message}`);
  }
  const parsed = recipeSchema.safeParse(raw);
  if (!parsed.success) throw new RecipeError(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "recipe"}: ${issue.message}`).join("; ")}`);
  const steps = parsed.data.steps.map((entry, index) => {
    const [name, options] = Object.entries(entry)[0]!;
    const step = recipeStep(name);
    if (!step) throw new RecipeError(`${file}: steps[${index}]: unknown step ${JSON.stringify(name)} (known: ${recipeStepNames().join(", ")})`);
    const checked = step.options.safeParse(options ?? {});
    if (!checked.success) throw new RecipeError(`${file}: steps[${index}] (${name}): ${checked.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ")}`);
    return { name, options: checked.data };
  });
  const recipe: ParsedRecipe = { seed: parsed.data.seed, out: parsed.data.out, steps };
  if (parsed.data.name !== undefined) recipe.name = parsed.data.name;
  return recipe;
}

export interface RunRecipeOptions {
  /** Overrides the recipe's `out`. */
  outDir?: string;
  log?: (line: string) => void;
}

export async function runRecipe(file: string, options: RunRecipeOptions = {}): Promise<RecipeContext> {
  const recipe = parseRecipe(await readFile(file, "utf8"), file);
  const baseDir = dirname(resolve(file));
  const outDir = options.outDir ?? (isAbsolute(recipe.out) ? recipe.out : resolve(baseDir, recipe.out));
  await mkdir(outDir, { recursive: true });
  const context: RecipeContext = { baseDir, outDir, seed: recipe.seed, records: [], reports: [], files: [], log: options.log ?? (() => undefined) };
  for (const [index, { name, options: stepOptions }] of recipe.steps.entries()) {
    const step = recipeStep(name)!;
    const started = performance.now();
    const before = context.records.length;
    const report = await step.run(context, stepOptions);
    context.reports.push({ step: name, report });
    context.log(`steps[${index}] ${name}: ${before} → ${context.records.length} rows (${Math.round(performance.now() - started)} ms)`);
  }
  const reportFile = join(outDir, "report.json");
  await writeFile(reportFile, `${JSON.stringify({ recipe: recipe.name ?? null, seed: recipe.seed, steps: context.reports }, null, 2)}\n`);
  context.files.push(reportFile);
  return context;
}
