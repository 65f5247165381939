// Measures round-trip exactness of one source file through one export format: import → export → import → compare.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatasetRecord } from "../record.js";
import type { ImportFileOptions } from "../import/import-file.js";
import { importFile } from "../import/import-file.js";
import { exportRecords, exportRow } from "./export-file.js";
import type { ExportFormat } from "./export-row.js";
import { comparableContent } from "./round-trip.js";

export interface RoundTripResult {
  format: ExportFormat;
  rows: number;
  exact: number;
  /** Rows the exporter declared lossy (e.g. text beside calls in ShareGPT); they are not expected to be exact. */
  declaredLossy: number;
  /** Rows that changed without a declared loss: a bug; listed. */
  undeclared: string[];
}

export async function measureRoundTrip(file: string, format: ExportFormat, options: ImportFileOptions = {}): Promise<RoundTripResult> {
  const originals: DatasetRecord[] = [];
  for await (const outcome of importFile(file, options)) if (outcome.record) originals.push(outcome.record);
  const directory = await mkdtemp(join(tmpdir(), "toolgate-round-trip-"));
  try {
    const out = join(directory, `rows.${format}.jsonl`);
    await exportRecords(originals, format, out);
    const back: DatasetRecord[] = [];
    for await (const outcome of importFile(out)) {
      if (outcome.record) back.push(outcome.record);
      else back.push({ messages: [], tools: [], meta: { id: `rejected:${outcome.problem.kind}`, source: { format: "canonical" } } });
    }
    const result: RoundTripResult = { format, rows: originals.length, exact: 0, declaredLossy: 0, undeclared: [] };
    originals.forEach((original, index) => {
      const again = back[index];
      if (again && comparableContent(again) === comparableContent(original)) result.exact += 1;
      else if (exportRow(original, format).losses.length > 0) result.declaredLossy += 1;
      else result.undeclared.push(original.meta.id);
    });
    if (back.length !== originals.length) result.undeclared.push(`row count ${originals.length} → ${back.length}`);
    return result;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
