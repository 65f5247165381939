// `toolgate dataset leakage <file> --eval <files…> -o clean.jsonl`: rows overlapping evaluation sets removed and listed.
import type { Command } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { readDatasetFile } from "./dataset-records.js";

export function registerDatasetLeakageCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("leakage")
    .description("find training rows that overlap evaluation sets (13-gram rule, MinHash); exit 1 when any leak")
    .argument("<file>", "training rows in any supported format")
    .requiredOption("--eval <files...>", "evaluation sets: BFCL question files, eval case YAML, a held-back split, any importable file")
    .option("-o, --out <file>", "write the non-leaking rows here")
    .option("--threshold <jaccard>", "MinHash similarity that counts as a leak", "0.8")
    .option("--json", "print the report as JSON")
    .action(async (file: string, options: { eval: string[]; out?: string; threshold: string; json?: boolean }) => {
      const { LeakageIndex, checkLeakage, evalItemsFromFile, openJsonlWriter } = await import("../dataset/index.js");
      const index = new LeakageIndex({ threshold: Number(options.threshold) });
      for (const evalFile of options.eval) for await (const item of evalItemsFromFile(evalFile)) index.add(item);
      const records = await readDatasetFile(file, io);
      const writer = options.out ? openJsonlWriter(options.out) : undefined;
      const report = await checkLeakage(records, index, writer ? (record) => writer.write(record) : undefined);
      await writer?.close();
      if (options.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
      else {
        writeLine(io.stdout, `${report.rows} rows checked against ${report.evalItems} eval items: ${report.leaking.length} leak${Object.keys(report.bySet).length > 0 ? ` (${Object.entries(report.bySet).map(([set, count]) => `${count} from ${set}`).join(", ")})` : ""}`);
        for (const row of report.leaking.slice(0, 50)) writeLine(io.stdout, `  ${row.id} ≈ ${row.evalSet} ${row.evalId} (${row.rule}, ${row.similarity})`);
      }
      done(report.leaking.length > 0 ? 1 : 0);
    });
}
