// `toolgate dataset dedupe <file> -o out.jsonl`: exact, near-duplicate and growing-prefix rows removed, clusters listed.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { readDatasetFile } from "./dataset-records.js";

export function registerDatasetDedupeCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("dedupe")
    .description("remove exact duplicates, near-duplicates (MinHash/LSH over user turns + call signature) and growing prefixes; one row kept per cluster")
    .argument("<file>", "rows in any supported format")
    .requiredOption("-o, --out <file>", "canonical JSON Lines without the duplicates")
    .option("--threshold <jaccard>", "near-duplicate similarity", "0.8")
    .option("--no-prefixes", "keep growing-prefix samples of one conversation")
    .option("--json", "print the report as JSON")
    .action(async (file: string, options: { out: string; threshold: string; prefixes: boolean; json?: boolean }) => {
      const { findDuplicates, applyDedupe, writeJsonLines } = await import("../dataset/index.js");
      const records = await readDatasetFile(file, io);
      const report = await findDuplicates(records, { threshold: Number(options.threshold), prefixes: options.prefixes });
      await writeJsonLines(options.out, applyDedupe(records, report));
      if (options.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else {
        const byReason = report.removed.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.reason]: (counts[row.reason] ?? 0) + 1 }), {});
        writeLine(io.stdout, `${report.rows} rows, ${report.kept} kept; removed ${Object.entries(byReason).map(([reason, count]) => `${count} ${reason}`).join(", ") || "none"}`);
        writeLine(io.stdout, `rule: ${report.rule}`);
        for (const row of report.removed.slice(0, 50)) writeLine(io.stdout, `  ${row.reason.padEnd(6)} ${row.id} duplicates ${row.keptId} (similarity ${row.similarity})`);
      }
      done(0);
    });
}
