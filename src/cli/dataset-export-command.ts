// `toolgate dataset export <file> --to openai|trl|sharegpt|axolotl|hermes -o out.jsonl`: trainer formats, losses declared.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { usageError } from "./cli-error.js";
import { readDatasetFile } from "./dataset-records.js";

export function registerDatasetExportCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("export")
    .description("write rows for a trainer: OpenAI fine-tuning JSONL, TRL, LLaMA-Factory ShareGPT (+ dataset_info.json), Axolotl chat_template, Hermes")
    .argument("<file>", "rows in any supported format")
    .requiredOption("--to <format>", "openai|trl|sharegpt|axolotl|hermes")
    .requiredOption("-o, --out <file>", "JSON Lines to write")
    .option("--train <which>", "openai: all assistant turns train, or only the last (others get weight 0)", "all")
    .action(async (file: string, options: { to: string; out: string; train: string }) => {
      const { exportFormats, exportRecords } = await import("../dataset/index.js");
      if (!(exportFormats as readonly string[]).includes(options.to)) throw usageError(`--to ${options.to} is not one of ${exportFormats.join(", ")}`);
      if (options.train !== "all" && options.train !== "last") throw usageError("--train takes all or last");
      const records = await readDatasetFile(file, io);
      const summary = await exportRecords(records, options.to as (typeof exportFormats)[number], options.out, { train: options.train });
      writeLine(io.stdout, `wrote ${summary.rows} rows to ${summary.file}${summary.sideFiles.length > 0 ? ` (+ ${summary.sideFiles.join(", ")})` : ""}`);
      for (const [loss, entry] of Object.entries(summary.losses)) writeLine(io.stdout, `  ${loss}: ${entry.rows} rows (e.g. ${entry.rowIds.slice(0, 3).join(", ")})`);
      done(0);
    });
}
