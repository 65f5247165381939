// Verifies a stream of source rows: OpenAI's format checks on raw rows, the importer's rejections, the record checks;
// counts per defect kind with the row ids; optionally applies lossless fixes and passes the rows on.
import type { DatasetRecord, SourceFormat } from "../record.js";
import { formatLocation } from "../record.js";
import type { ImportFileOptions } from "../import/import-file.js";
import { importFile } from "../import/import-file.js";
import { checkRecord } from "./check-record.js";
import type { LocatedDefect, Severity } from "./defect.js";
import { defectFromProblem } from "./defect.js";
import { fixRecord } from "./fix-record.js";
import { checkOpenAiFormat } from "./openai-format.js";
import { SchemaCache } from "./schema-cache.js";

/** Row ids listed per kind in a report; the count is always exact. */
const listedIdsPerKind = 200;

interface DefectCount {
  severity: Severity;
  count: number;
  rows: number;
  fixable: number;
  rowIds: string[];
  example: string;
}

export interface VerifyReport {
  rows: number;
  rowsWithErrors: number;
  rowsWithWarnings: number;
  rejected: number;
  /** Repairs the importer made (e.g. call-id-duplicate renamed), by kind. */
  repairedOnImport: Record<string, number>;
  fixed: Record<string, number>;
  defects: Record<string, DefectCount>;
}

export function createVerifyReport(): VerifyReport & { add(rowId: string, defects: LocatedDefect[]): void } {
  const report: VerifyReport & { add(rowId: string, defects: LocatedDefect[]): void } = {
    rows: 0,
    rowsWithErrors: 0,
    rowsWithWarnings: 0,
    rejected: 0,
    repairedOnImport: {},
    fixed: {},
    defects: {},
    add(rowId, defects) {
      report.rows += 1;
      if (defects.some((defect) => defect.severity === "error")) report.rowsWithErrors += 1;
      else if (defects.length > 0) report.rowsWithWarnings += 1;
      const kindsSeen = new Set<string>();
      for (const defect of defects) {
        const entry = (report.defects[defect.kind] ??= { severity: defect.severity, count: 0, rows: 0, fixable: 0, rowIds: [], example: `${formatLocation({ ...defect, rowId })}: ${defect.message}` });
        if (defect.severity === "error") entry.severity = "error";
        entry.count += 1;
        if (defect.fixable === true) entry.fixable += 1;
        if (!kindsSeen.has(defect.kind)) {
          kindsSeen.add(defect.kind);
          entry.rows += 1;
          if (entry.rowIds.length < listedIdsPerKind) entry.rowIds.push(rowId);
        }
      }
    },
  };
  return report;
}

export interface VerifyOptions extends ImportFileOptions {
  fix?: boolean;
  /** Receives every imported (and, with fix, repaired) record in order — e.g. to write the fixed file. */
  onRecord?: (record: DatasetRecord) => Promise<void> | void;
}

/** Formats whose raw rows are OpenAI fine-tuning rows, so OpenAI's own validator checks apply to them as written. */
const rawCheckedFormats: ReadonlySet<SourceFormat> = new Set(["openai", "canonical"]);

/**
 * Verifies one file, reading and parsing each row once: OpenAI's raw-row checks run on the parsed row as the importer
 * hands it over (before import touches it), then the record checks on the imported record.
 */
export async function verifyFile(file: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const report = createVerifyReport();
  const schemas = new SchemaCache();
  // The raw checks of the row whose outcome comes next (importers yield exactly one outcome per source row for
  // row-based formats; per-file formats such as BFCL and eval cases have no raw OpenAI row).
  let rawDefects: ReturnType<typeof checkOpenAiFormat> = [];
  const importOptions: ImportFileOptions = {
    ...options,
    onSourceRow: (row, format) => {
      options.onSourceRow?.(row, format);
      rawDefects = rawCheckedFormats.has(format) && row.error === undefined ? checkOpenAiFormat(row.value) : [];
    },
  };
  for await (const outcome of importFile(file, importOptions)) {
    const raw = rawDefects;
    rawDefects = [];
    if (outcome.problem) {
      report.rejected += 1;
      const problem = outcome.problem;
      const base: Omit<LocatedDefect, "kind" | "severity" | "message"> = { rowId: problem.rowId ?? "?" };
      if (problem.file !== undefined) base.file = problem.file;
      if (problem.line !== undefined) base.line = problem.line;
      if (problem.index !== undefined) base.index = problem.index;
      report.add(problem.rowId ?? "?", [defectFromProblem(problem), ...raw.map((defect) => ({ ...base, ...defect }))]);
      continue;
    }
    const record = outcome.record;
    for (const repair of record.meta.repairs ?? []) report.repairedOnImport[repair.kind] = (report.repairedOnImport[repair.kind] ?? 0) + 1;
    const base: Omit<LocatedDefect, "kind" | "severity" | "message"> = { rowId: record.meta.id, file };
    if (record.meta.source.line !== undefined) base.line = record.meta.source.line;
    if (record.meta.source.index !== undefined) base.index = record.meta.source.index;
    const defects: LocatedDefect[] = [];
    for (const defect of raw) defects.push({ ...base, ...defect });
    for (const defect of checkRecord(record, schemas)) defects.push({ ...base, ...defect });
    report.add(record.meta.id, defects);
    if (options.fix) for (const repair of fixRecord(record)) report.fixed[repair.kind] = (report.fixed[repair.kind] ?? 0) + 1;
    await options.onRecord?.(record);
  }
  return report;
}

export function verifyHasErrors(report: VerifyReport): boolean {
  return Object.values(report.defects).some((entry) => entry.severity === "error");
}

/** A plain-text table: kind, severity, count, rows, fixable, first example with its location. */
export function formatVerifyReport(report: VerifyReport, file?: string): string {
  const lines = [`${file ?? "rows"}: ${report.rows} rows, ${report.rejected} rejected, ${report.rowsWithErrors} with errors, ${report.rowsWithWarnings} with warnings only`];
  const kinds = Object.entries(report.defects).sort((a, b) => (a[1].severity === b[1].severity ? b[1].count - a[1].count : a[1].severity === "error" ? -1 : 1));
  for (const [kind, entry] of kinds) {
    lines.push(`  ${entry.severity.padEnd(7)} ${kind.padEnd(40)} ${String(entry.count).padStart(6)} in ${String(entry.rows).padStart(5)} rows${entry.fixable > 0 ? ` (${entry.fixable} fixable)` : ""}`);
    lines.push(`          e.g. ${entry.example}`);
  }
  for (const [kind, count] of Object.entries(report.repairedOnImport)) lines.push(`  import  ${kind.padEnd(40)} ${String(count).padStart(6)} (repaired while importing)`);
  for (const [kind, count] of Object.entries(report.fixed)) lines.push(`  fixed   ${kind.padEnd(40)} ${String(count).padStart(6)}`);
  return lines.join("\n");
}
