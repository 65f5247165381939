// A recipe end to end on real samples: import → verify --fix → dedupe → leakage → mix → split → export, with each
// step's report; bad recipes are refused with the step and field named, before anything runs.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../../test-support/shared-data.js";
import { parseRecipe, RecipeError, runRecipe } from "./run-recipe.js";
import { registerRecipeStep, recipeStepNames } from "./recipe-step.js";
import { z } from "zod";

describeWithShared("dataset build from a recipe", () => {
  it("runs every core step in order and writes the exports and report", { timeout: 60_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), "recipe-"));
    const recipe = join(directory, "recipe.yaml");
    writeFileSync(recipe, [
      "name: drone-and-glaive",
      "seed: 7",
      "out: build",
      "steps:",
      `  - import: { files: ["${sharedPath("data", "finetune", "openai-cookbook-drone", "drone_training.v2024-06-13_a7e107d.jsonl")}", "${sharedPath("data", "finetune", "llama-factory", "glaive_toolcall_en_demo.json")}"] }`,
      "  - verify: { fix: true }",
      "  - dedupe: { threshold: 0.8 }",
      `  - leakage: { eval: ["${sharedPath("data", "bfcl", "BFCL_v4_simple_python.json")}"] }`,
      "  - split: { ratios: { train: 0.9, test: 0.1 } }",
      "  - export: { formats: [openai, trl] }",
      "",
    ].join("\n"));
    const lines: string[] = [];
    const context = await runRecipe(recipe, { log: (line) => lines.push(line) });
    expect(context.reports.map((entry) => entry.step)).toEqual(["import", "verify", "dedupe", "leakage", "split", "export"]);
    expect(context.reports[0]!.report.rows).toBe(387);
    expect((context.reports[1]!.report.fixed as Record<string, number>)["arguments-double-encoded"]).toBe(6);
    expect((context.reports[2]!.report.kept as number)).toBeLessThan(context.reports[2]!.report.rows as number);
    const train = readFileSync(join(directory, "build", "openai", "train.jsonl"), "utf8").trim().split("\n");
    const test = readFileSync(join(directory, "build", "openai", "test.jsonl"), "utf8").trim().split("\n");
    expect(train.length + test.length).toBe(context.records.length);
    expect(existsSync(join(directory, "build", "trl", "train.jsonl"))).toBe(true);
    expect(JSON.parse(readFileSync(join(directory, "build", "report.json"), "utf8")).steps).toHaveLength(6);
    expect(lines[0]).toMatch(/^steps\[0\] import: 0 → 387 rows/);
  });
}, "data");

describe("recipe parsing", () => {
  it("names the step and field of a bad option, and unknown steps", () => {
    expect(() => parseRecipe("steps:\n  - dedupe: { threshold: 2 }\n", "r.yaml")).toThrow(/r\.yaml: steps\[0\] \(dedupe\): threshold/);
    expect(() => parseRecipe("steps:\n  - shuffle: {}\n", "r.yaml")).toThrow(RecipeError);
    expect(() => parseRecipe("steps:\n  - shuffle: {}\n", "r.yaml")).toThrow(/unknown step "shuffle" \(known: import, verify/);
  });
  it("accepts steps registered by other modules without touching the runner", () => {
    registerRecipeStep({ name: "test-count", description: "counts rows", options: z.strictObject({}), run: async (context) => ({ rows: context.records.length }) });
    expect(recipeStepNames()).toContain("test-count");
    expect(parseRecipe("steps:\n  - test-count: {}\n", "r.yaml").steps).toEqual([{ name: "test-count", options: {} }]);
  });
});
