// `toolgate dataset verify <file>`: OpenAI's format checks plus the tool checks, counts per defect kind with row ids;
// exit 1 on errors; `--fix -o fixed.jsonl` applies only lossless repairs and records each in the row.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { usageError } from "./cli-error.js";

export function registerDatasetVerifyCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("verify")
    .description("check every row (OpenAI's validator checks plus tool-call checks); exit 1 when any error is found")
    .argument("<file>", "rows in any supported format")
    .option("--format <format>", "skip detection")
    .option("--fix", "apply lossless repairs (recorded in each row's meta.repairs); needs --out")
    .option("-o, --out <file>", "write the (fixed) canonical rows here")
    .option("--json", "print the report as JSON")
    .action(async (file: string, options: { format?: string; fix?: boolean; out?: string; json?: boolean }) => {
      const { formatVerifyReport, openJsonlWriter, sourceFormats, verifyFile } = await import("../dataset/index.js");
      if (options.format !== undefined && !(sourceFormats as readonly string[]).includes(options.format)) throw usageError(`--format ${options.format} is not one of ${sourceFormats.join(", ")}`);
      if (options.fix && options.out === undefined) throw usageError("--fix writes repaired rows: give --out <file>");
      const writer = options.out ? openJsonlWriter(options.out) : undefined;
      const verifyOptions: Parameters<typeof verifyFile>[1] = { fix: options.fix === true };
      if (options.format !== undefined) verifyOptions.format = options.format as NonNullable<typeof verifyOptions.format>;
      if (writer) verifyOptions.onRecord = (record) => writer.write(record);
      let report;
      try {
        report = await verifyFile(file, verifyOptions);
      } finally {
        await writer?.close();
      }
      writeLine(io.stdout, options.json ? JSON.stringify(report, null, 2) : formatVerifyReport(report, file));
      // With --fix, only errors the fix could not repair still fail the run.
      const failing = Object.values(report.defects).some((entry) => entry.severity === "error" && (!options.fix || entry.count > entry.fixable));
      done(failing ? 1 : 0);
    });
}
