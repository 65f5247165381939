// `toolgate dataset build recipe.yaml`: runs the recipe's named steps in order and writes report.json beside the outputs.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { usageError } from "./cli-error.js";

export function registerDatasetBuildCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("build")
    .description("run a YAML recipe: import, verify, dedupe, leakage, mix, split, export (and token/bundle steps) in order")
    .argument("<recipe>", "recipe YAML")
    .option("-o, --out <dir>", "output directory (overrides the recipe's out)")
    .action(async (recipe: string, options: { out?: string }) => {
      const { runRecipe, RecipeError } = await import("../dataset/index.js");
      try {
        const context = await runRecipe(recipe, { ...(options.out === undefined ? {} : { outDir: options.out }), log: (line) => writeLine(io.stderr, line) });
        writeLine(io.stdout, `${context.records.length} rows; wrote ${context.files.length} files under ${context.outDir}`);
      } catch (error) {
        if (error instanceof RecipeError) throw usageError(error.message, error);
        throw error;
      }
      done(0);
    });
}
