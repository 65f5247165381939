// `toolgate dataset card --bundle <dir> --out <name>`: the dataset card as Markdown and self-contained HTML with charts.
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { CardInput } from "../dataset/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface CardOptions {
  bundle?: string;
  tokens?: string;
  verify?: string;
  dedupe?: string;
  leakage?: string;
  title?: string;
  out: string;
}

export function registerDatasetCardCommand(datasetCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  datasetCommand
    .command("card")
    .description("write the dataset card (Markdown + HTML with charts): composition, token histogram against the context, defects, duplicates, leakage, provenance")
    .option("--bundle <dir>", "a bundle folder: its manifest.json gives composition, sources, steps, leakage and the signature")
    .option("--tokens <file>", "a token report (`dataset tokens --report`)")
    .option("--verify <file>", "a verify report (`dataset verify --json`)")
    .option("--dedupe <file>", "a dedupe report: {exact, near, clusters, removed}")
    .option("--leakage <file>", "a leakage report: {checked, leaking, removed, against, rows}")
    .option("--title <text>", "the card's title")
    .option("--out <path>", "writes <path>.md and <path>.html", "dataset-card")
    .action(async (options: CardOptions) => {
      done(await card(options, io));
    });
}

async function card(options: CardOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const { renderDatasetCard } = await import("../dataset/index.js");
  const input: CardInput = { title: options.title ?? "Dataset card" };
  if (options.bundle !== undefined) input.manifest = (await readJson(resolve(cwd, options.bundle, "manifest.json"))) as CardInput["manifest"];
  if (options.tokens !== undefined) input.tokens = (await readJson(resolve(cwd, options.tokens))) as CardInput["tokens"];
  if (options.verify !== undefined) input.defects = ((await readJson(resolve(cwd, options.verify))) as { defects?: CardInput["defects"] }).defects ?? {};
  if (options.dedupe !== undefined) input.duplicates = (await readJson(resolve(cwd, options.dedupe))) as CardInput["duplicates"];
  if (options.leakage !== undefined) input.leakage = (await readJson(resolve(cwd, options.leakage))) as CardInput["leakage"];
  if (options.title === undefined && input.manifest) input.title = `Fine-tuning data for ${input.manifest.baseModel}`;
  const rendered = renderDatasetCard(input);
  const base = resolve(cwd, options.out);
  await writeFile(`${base}.md`, rendered.markdown);
  await writeFile(`${base}.html`, rendered.html);
  writeLine(io.stdout, `wrote ${join(options.out)}.md and ${options.out}.html`);
  return 0;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw usageError(`${path}: ${(error as Error).message}`, error);
  }
}
