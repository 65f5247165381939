// Writes canonical records in a trainer's format (streaming), plus the side file the trainer needs (LLaMA-Factory's
// dataset_info.json, Axolotl's dataset config block), and counts every declared loss with the row ids.
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { DatasetRecord } from "../record.js";
import { openJsonlWriter } from "../io/jsonl-writer.js";
import { axolotlDatasetConfig, toAxolotlRow } from "./export-axolotl.js";
import { toHermesRow } from "./export-hermes.js";
import type { OpenAiExportOptions } from "./export-openai.js";
import { toOpenAiRow } from "./export-openai.js";
import type { ExportedRow, ExportFormat } from "./export-row.js";
import { llamaFactoryDatasetInfo, toShareGptRow } from "./export-sharegpt.js";
import { toTrlRow } from "./export-trl.js";

export function exportRow(record: DatasetRecord, format: ExportFormat, options: OpenAiExportOptions = {}): ExportedRow {
  switch (format) {
    case "openai":
      return toOpenAiRow(record, options);
    case "trl":
      return toTrlRow(record);
    case "sharegpt":
      return toShareGptRow(record);
    case "axolotl":
      return toAxolotlRow(record);
    case "hermes":
      return toHermesRow(record);
  }
}

export interface ExportSummary {
  format: ExportFormat;
  file: string;
  rows: number;
  /** Rows that lost something, per loss kind, with up to 100 row ids each. */
  losses: Record<string, { rows: number; rowIds: string[] }>;
  sideFiles: string[];
}

export async function exportRecords(records: AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>, format: ExportFormat, file: string, options: OpenAiExportOptions = {}): Promise<ExportSummary> {
  await mkdir(dirname(file), { recursive: true });
  const writer = openJsonlWriter(file);
  const summary: ExportSummary = { format, file, rows: 0, losses: {}, sideFiles: [] };
  try {
    for await (const record of records) {
      const exported = exportRow(record, format, options);
      await writer.write(exported.row);
      summary.rows += 1;
      for (const loss of new Set(exported.losses)) {
        const entry = (summary.losses[loss] ??= { rows: 0, rowIds: [] });
        entry.rows += 1;
        if (entry.rowIds.length < 100) entry.rowIds.push(record.meta.id);
      }
    }
  } finally {
    await writer.close();
  }
  if (format === "sharegpt") {
    const info = join(dirname(file), "dataset_info.json");
    const name = basename(file).replace(/\.jsonl?$/, "");
    await writeFile(info, `${JSON.stringify(llamaFactoryDatasetInfo(name, basename(file)), null, 2)}\n`);
    summary.sideFiles.push(info);
  }
  if (format === "axolotl") {
    const config = join(dirname(file), `${basename(file).replace(/\.jsonl?$/, "")}.axolotl.yaml`);
    await writeFile(config, axolotlDatasetConfig(basename(file)));
    summary.sideFiles.push(config);
  }
  return summary;
}
