// Shared by the dataset subcommands: read any supported file as canonical records (rejected rows reported on stderr).
import type { DatasetRecord } from "../dataset/index.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

export async function readDatasetFile(file: string, io: CliIo, format?: string): Promise<DatasetRecord[]> {
  const { formatLocation, importFile } = await import("../dataset/index.js");
  const records: DatasetRecord[] = [];
  let rejected = 0;
  for await (const outcome of importFile(file, format === undefined ? {} : { format: format as DatasetRecord["meta"]["source"]["format"] })) {
    if (outcome.record) records.push(outcome.record);
    else {
      rejected += 1;
      if (rejected <= 20) writeLine(io.stderr, `rejected ${formatLocation(outcome.problem)}: ${outcome.problem.kind}: ${outcome.problem.message}`);
    }
  }
  if (rejected > 20) writeLine(io.stderr, `… ${rejected - 20} more rejected rows (toolgate dataset import --rejects <file> lists all)`);
  return records;
}
