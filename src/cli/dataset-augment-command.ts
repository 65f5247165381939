// `toolgate dataset augment <file> -o out.jsonl --variants 3`: value-swap variants of rows whose argument values the
// user typed (fresh values of the same shape, replaced consistently, re-verified); the originals stay first.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { readDatasetFile } from "./dataset-records.js";

interface AugmentCommandOptions {
  out: string;
  variants: string;
  seed: string;
  minLength: string;
  dateSpan: string;
  shapes?: string;
  json?: boolean;
}

export function registerDatasetAugmentCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("augment")
    .description("value-swap augmentation: per row, variants with the argument values found in the user's text replaced everywhere by fresh values of the same shape (dates, numbers, ids, pooled names), re-verified; run before dedupe and leakage")
    .argument("<file>", "rows in any supported format")
    .requiredOption("-o, --out <file>", "canonical JSON Lines: each input row, then its variants")
    .option("--variants <n>", "variants per row that has values to swap", "3")
    .option("--seed <n>", "seed of the value draws (per row, so adding rows does not change others' variants)", "0")
    .option("--min-length <n>", "leave values shorter than this many characters", "2")
    .option("--date-span <days>", "days either way a swapped date may move", "60")
    .option("--shapes <list>", "comma-separated shapes to swap: date,number,digits,pooled (default all)")
    .option("--json", "print the report as JSON")
    .action(async (file: string, options: AugmentCommandOptions) => {
      const { augmentRecords, writeJsonLines } = await import("../dataset/index.js");
      const records = await readDatasetFile(file, io);
      const { records: augmented, report } = augmentRecords(records, {
        variants: Number(options.variants),
        seed: Number(options.seed),
        minLength: Number(options.minLength),
        dateSpanDays: Number(options.dateSpan),
        ...(options.shapes === undefined ? {} : { shapes: options.shapes.split(",").map((shape) => shape.trim()) as never }),
      });
      await writeJsonLines(options.out, augmented);
      if (options.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else {
        const counts = (entries: Record<string, number | undefined>) => Object.entries(entries).map(([key, count]) => `${count ?? 0} ${key}`).join(", ") || "none";
        writeLine(io.stdout, `${report.rows} rows, ${report.swappable} with values to swap → ${report.variants} variants → ${report.rowsAfter} rows`);
        writeLine(io.stdout, `swapped: ${counts(report.swapsByShape)}; left alone: ${counts(report.skipped)}`);
        for (const entry of report.rejected.slice(0, 50)) writeLine(io.stdout, `  gave up on row ${entry.id} variant ${entry.variant}: ${entry.kind}${entry.field ? ` at ${entry.field}` : ""}: ${entry.message}`);
        if (report.rejected.length > 50) writeLine(io.stdout, `  … ${report.rejected.length - 50} more (--json lists all)`);
      }
      done(0);
    });
}
