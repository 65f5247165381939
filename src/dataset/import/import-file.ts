// Imports one source file of any supported format into canonical records, streaming, with a located problem for every
// row it cannot import (never a silent drop).
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { DatasetRecord, RowProblem, SourceFormat } from "../record.js";
import { isJsonObject } from "../record.js";
import { readSourceRows } from "../io/source-rows.js";
import type { SourceRow } from "../io/source-rows.js";
import { detectFormat } from "./detect-format.js";
import { importBfclFile } from "./import-bfcl.js";
import { importEvalCaseFile } from "./import-eval-cases.js";
import { importGlaiveRow } from "./import-glaive.js";
import { importMessagesRow, importOpenAiRow } from "./import-openai.js";
import { defaultShareGptMapping, importShareGptRow, mappingFromDatasetInfo } from "./import-sharegpt.js";
import type { ShareGptMapping } from "./import-sharegpt.js";
import { importXlamRow } from "./import-xlam.js";
import type { ImportOptions, ImportOutcome } from "./row-builder.js";
import { RowContext } from "./row-builder.js";

export interface ImportFileOptions extends ImportOptions {
  /** Skips detection. */
  format?: SourceFormat;
  /**
   * Sees each parsed source row (row-based formats) before it is imported, with the file's format — so a caller can
   * check the raw row (verify's OpenAI checks) without reading and parsing the file a second time.
   */
  onSourceRow?: (row: SourceRow, format: SourceFormat) => void;
}

/** LLaMA-Factory's dataset_info.json beside the file, when it has an entry for this file (columns, tags). */
function shareGptMappingFor(file: string): ShareGptMapping {
  const infoPath = join(dirname(file), "dataset_info.json");
  if (!existsSync(infoPath)) return defaultShareGptMapping;
  try {
    const info: unknown = JSON.parse(readFileSync(infoPath, "utf8"));
    if (!isJsonObject(info)) return defaultShareGptMapping;
    const entry = Object.values(info).find((candidate) => isJsonObject(candidate) && candidate.file_name === basename(file));
    return entry ? mappingFromDatasetInfo(entry) : defaultShareGptMapping;
  } catch {
    return defaultShareGptMapping;
  }
}

/** A row's own id, when the source gives one (BFCL/xLAM `id`, τ-bench `task_id` + `trial`). */
function originalIdOf(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  if (isJsonObject(value.meta) && typeof value.meta.id === "string") return value.meta.id;
  if (value.task_id !== undefined && (typeof value.task_id === "number" || typeof value.task_id === "string")) return `task-${value.task_id}${typeof value.trial === "number" ? `-trial-${value.trial}` : ""}`;
  return undefined;
}

function importRow(format: SourceFormat, row: SourceRow, context: RowContext, mapping: ShareGptMapping): ImportOutcome {
  switch (format) {
    case "canonical":
    case "openai": {
      const outcome = importOpenAiRow(row.value, context);
      if (format === "canonical" && outcome.record && isJsonObject(row.value) && isJsonObject(row.value.meta)) {
        // Canonical rows keep their provenance; only repairs made now are appended.
        const kept = structuredClone(row.value.meta) as unknown as DatasetRecord["meta"];
        const repairs = [...(kept.repairs ?? []), ...(outcome.record.meta.repairs ?? []).filter((repair) => repair.kind !== "row-key-dropped")];
        outcome.record.meta = { ...kept, ...(repairs.length > 0 ? { repairs } : {}) };
        if (repairs.length === 0) delete outcome.record.meta.repairs;
      }
      return outcome;
    }
    case "messages":
      return importMessagesRow(row.value, context);
    case "sharegpt":
    case "hermes":
      return importShareGptRow(row.value, context, mapping);
    case "xlam":
      return importXlamRow(row.value, context);
    case "glaive":
      return importGlaiveRow(row.value, context);
    default:
      return context.problem("format-not-row-based", `format ${format} is imported per file`);
  }
}

/** Streams the outcomes of one file: a record per imported row, a located problem per rejected one. */
export async function* importFile(file: string, options: ImportFileOptions = {}): AsyncGenerator<ImportOutcome> {
  let format = options.format;
  if (format === undefined && /\.ya?ml$/i.test(file)) format = "eval-cases";
  if (format === undefined && /^BFCL_v\d+_/.test(basename(file))) format = "bfcl";
  if (format === "eval-cases") {
    yield* importEvalCaseFile(file, options);
    return;
  }
  if (format === "bfcl") {
    yield* importBfclFile(file, options);
    return;
  }
  const mapping = shareGptMappingFor(file);
  for await (const row of readSourceRows(file)) {
    if (row.error !== undefined) {
      options.onSourceRow?.(row, format ?? "openai");
      const context = new RowContext(file, format ?? "openai", row, options);
      yield context.problem("invalid-json", row.error);
      continue;
    }
    format ??= detectFormat(file, row.value);
    options.onSourceRow?.(row, format);
    const context = new RowContext(file, format, row, options, originalIdOf(row.value));
    yield importRow(format, row, context, mapping);
  }
}

export interface ImportSummary {
  file: string;
  imported: number;
  rejected: number;
  repairedRows: number;
  repairs: Record<string, number>;
  problems: RowProblem[];
}

/** Counts what an import did; pass each outcome through it while streaming. */
export function createImportSummary(file: string): ImportSummary & { add(outcome: ImportOutcome): void } {
  const summary: ImportSummary & { add(outcome: ImportOutcome): void } = {
    file,
    imported: 0,
    rejected: 0,
    repairedRows: 0,
    repairs: {},
    problems: [],
    add(outcome) {
      if (outcome.problem) {
        summary.rejected += 1;
        summary.problems.push(outcome.problem);
        return;
      }
      summary.imported += 1;
      const repairs = outcome.record.meta.repairs ?? [];
      if (repairs.length > 0) summary.repairedRows += 1;
      for (const repair of repairs) summary.repairs[repair.kind] = (summary.repairs[repair.kind] ?? 0) + 1;
    },
  };
  return summary;
}
