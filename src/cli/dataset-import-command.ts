// `toolgate dataset import <files…> -o out.jsonl`: any supported format → canonical JSON Lines; every rejected row listed.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { usageError } from "./cli-error.js";

export function registerDatasetImportCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("import")
    .description("read fine-tuning rows in any supported format and write canonical JSON Lines; rejected and repaired rows are listed")
    .argument("<files...>", "source files (JSON Lines, JSON arrays, BFCL question files, eval case YAML)")
    .requiredOption("-o, --out <file>", "canonical JSON Lines to write")
    .option("--format <format>", "skip detection: openai|xlam|sharegpt|hermes|glaive|messages|bfcl|eval-cases|canonical")
    .option("--licence <spdx>", "licence recorded in every row's meta")
    .option("--rejects <file>", "also write the rejected rows' problems as JSON Lines")
    .option("--json", "print the summary as JSON")
    .action(async (files: string[], options: { out: string; format?: string; licence?: string; rejects?: string; json?: boolean }) => {
      const { createImportSummary, formatLocation, importFile, openJsonlWriter, sourceFormats } = await import("../dataset/index.js");
      if (options.format !== undefined && !(sourceFormats as readonly string[]).includes(options.format)) throw usageError(`--format ${options.format} is not one of ${sourceFormats.join(", ")}`);
      const writer = openJsonlWriter(options.out);
      const rejects = options.rejects ? openJsonlWriter(options.rejects) : undefined;
      const summaries = [];
      try {
        for (const file of files) {
          const summary = createImportSummary(file);
          const importOptions: Parameters<typeof importFile>[1] = {};
          if (options.format !== undefined) importOptions.format = options.format as NonNullable<typeof importOptions.format>;
          if (options.licence !== undefined) importOptions.licence = options.licence;
          for await (const outcome of importFile(file, importOptions)) {
            summary.add(outcome);
            if (outcome.record) await writer.write(outcome.record);
            else await rejects?.write(outcome.problem);
          }
          summaries.push(summary);
        }
      } finally {
        await writer.close();
        await rejects?.close();
      }
      if (options.json) {
        writeLine(io.stdout, JSON.stringify(summaries.map(({ problems, ...rest }) => ({ ...rest, problems: problems.slice(0, 100) })), null, 2));
      } else {
        for (const summary of summaries) {
          writeLine(io.stdout, `${summary.file}: ${summary.imported} imported, ${summary.rejected} rejected, ${summary.repairedRows} repaired`);
          for (const [kind, count] of Object.entries(summary.repairs)) writeLine(io.stdout, `  repaired ${kind}: ${count}`);
          for (const problem of summary.problems.slice(0, 50)) writeLine(io.stderr, `  rejected ${formatLocation(problem)}: ${problem.kind}: ${problem.message}`);
          if (summary.problems.length > 50) writeLine(io.stderr, `  … ${summary.problems.length - 50} more rejected rows${options.rejects ? ` (all in ${options.rejects})` : " (--rejects <file> lists all)"}`);
        }
      }
      writeLine(io.stderr, `wrote ${writer.count} rows to ${options.out}`);
      done(0);
    });
}
