// `toolgate dataset split <file> --ratios train=0.9,test=0.1 --seed 7 -o dir`: seeded, stratified, grouped by conversation.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { usageError } from "./cli-error.js";
import { readDatasetFile } from "./dataset-records.js";

function parseRatios(text: string): Record<string, number> {
  const ratios: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [name, value] = part.split("=");
    const share = Number(value);
    if (!name || !/^[a-z][a-z0-9_-]*$/.test(name) || !(share > 0)) throw usageError(`--ratios ${text}: write name=share pairs, e.g. train=0.8,validation=0.1,test=0.1`);
    ratios[name] = share;
  }
  return ratios;
}

export function registerDatasetSplitCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("split")
    .description("seeded stratified split by category, grouped so no conversation spans splits; prints the composition")
    .argument("<file>", "rows in any supported format")
    .requiredOption("-o, --out <dir>", "writes <split>.jsonl per split here")
    .option("--ratios <pairs>", "name=share pairs", "train=0.9,test=0.1")
    .option("--seed <n>", "random seed", "0")
    .action(async (file: string, options: { out: string; ratios: string; seed: string }) => {
      const { splitRecords, writeJsonLines, composition } = await import("../dataset/index.js");
      const ratios = parseRatios(options.ratios);
      const records = await readDatasetFile(file, io);
      writeLine(io.stdout, `composition: ${JSON.stringify(composition(records))}`);
      const result = splitRecords(records, { ratios, seed: Number(options.seed) });
      await mkdir(options.out, { recursive: true });
      for (const [name, rows] of Object.entries(result.splits)) {
        await writeJsonLines(join(options.out, `${name}.jsonl`), rows);
        writeLine(io.stdout, `${name}: ${rows.length} rows ${JSON.stringify(result.composition[name])}`);
      }
      writeLine(io.stdout, `${result.groups} conversations, none split across files`);
      done(0);
    });
}
