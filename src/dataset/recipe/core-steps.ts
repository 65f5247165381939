// The core recipe steps: import, verify, dedupe, leakage, mix, split, export. Each reports its numbers.
import { mkdir } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import type { JsonObject } from "../record.js";
import { recordCategories, sourceFormats } from "../record.js";
import { importFile, createImportSummary } from "../import/import-file.js";
import { checkRecord } from "../verify/check-record.js";
import { fixRecord } from "../verify/fix-record.js";
import { SchemaCache } from "../verify/schema-cache.js";
import { createVerifyReport } from "../verify/verify-report.js";
import { applyDedupe, findDuplicates } from "../dedupe/dedupe.js";
import { evalItemsFromFile } from "../dedupe/eval-items.js";
import { checkLeakage, LeakageIndex } from "../dedupe/leakage.js";
import { composition, mixRecords } from "../mix/mix.js";
import { splitRecords } from "../mix/split.js";
import { exportRecords } from "../export/export-file.js";
import { exportFormats } from "../export/export-row.js";
import type { RecipeContext } from "./recipe-step.js";
import { registerRecipeStep } from "./recipe-step.js";

const path = (context: RecipeContext, file: string) => (isAbsolute(file) ? file : resolve(context.baseDir, file));
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as JsonObject;

registerRecipeStep({
  name: "import",
  description: "read source files (any supported format) into canonical rows",
  options: z.strictObject({ files: z.array(z.string().min(1)).min(1), format: z.enum(sourceFormats).optional(), licence: z.string().optional() }),
  async run(context, options) {
    const summaries = [];
    for (const file of options.files) {
      const summary = createImportSummary(file);
      const importOptions: Parameters<typeof importFile>[1] = {};
      if (options.format !== undefined) importOptions.format = options.format;
      if (options.licence !== undefined) importOptions.licence = options.licence;
      for await (const outcome of importFile(path(context, file), importOptions)) {
        summary.add(outcome);
        if (outcome.record) context.records.push(outcome.record);
      }
      for (const problem of summary.problems) context.log(`  rejected ${problem.file}:${problem.line ?? problem.index} ${problem.kind}: ${problem.message}`);
      summaries.push({ file, imported: summary.imported, rejected: summary.rejected, repairedRows: summary.repairedRows, repairs: summary.repairs, problems: summary.problems.slice(0, 100) });
    }
    return json({ files: summaries, rows: context.records.length });
  },
});

registerRecipeStep({
  name: "verify",
  description: "check every row; with fix, apply lossless repairs; drop rows that still have errors unless keepErrors",
  options: z.strictObject({ fix: z.boolean().default(true), keepErrors: z.boolean().default(false) }),
  async run(context, options) {
    const report = createVerifyReport();
    const schemas = new SchemaCache();
    const kept = [];
    const droppedIds: string[] = [];
    for (const record of context.records) {
      if (options.fix) for (const repair of fixRecord(record)) report.fixed[repair.kind] = (report.fixed[repair.kind] ?? 0) + 1;
      const defects = checkRecord(record, schemas).map((defect) => ({ ...defect, rowId: record.meta.id }));
      report.add(record.meta.id, defects);
      if (!options.keepErrors && defects.some((defect) => defect.severity === "error")) droppedIds.push(record.meta.id);
      else kept.push(record);
    }
    context.records = kept;
    return json({ ...report, droppedWithErrors: droppedIds.length, droppedIds: droppedIds.slice(0, 200), rowsAfter: kept.length });
  },
});

registerRecipeStep({
  name: "dedupe",
  description: "drop exact, near-duplicate and growing-prefix rows, one kept per cluster",
  options: z.strictObject({ threshold: z.number().min(0).max(1).default(0.8), prefixes: z.boolean().default(true) }),
  async run(context, options) {
    const report = await findDuplicates(context.records, { threshold: options.threshold, prefixes: options.prefixes });
    const kept = [];
    for await (const record of applyDedupe(context.records, report)) kept.push(record);
    context.records = kept;
    return json({ rows: report.rows, kept: report.kept, rule: report.rule, removed: report.removed.slice(0, 500), clusters: report.clusters.length });
  },
});

registerRecipeStep({
  name: "leakage",
  description: "remove rows that overlap evaluation sets (13-gram rule and MinHash)",
  options: z.strictObject({ eval: z.array(z.string().min(1)).min(1), threshold: z.number().min(0).max(1).default(0.8), ngram: z.number().int().min(3).default(13) }),
  async run(context, options) {
    const index = new LeakageIndex({ threshold: options.threshold, ngram: options.ngram });
    for (const file of options.eval) for await (const item of evalItemsFromFile(path(context, file))) index.add(item);
    const kept: typeof context.records = [];
    const report = await checkLeakage(context.records, index, (record) => void kept.push(record));
    context.records = kept;
    return json(report);
  },
});

const sharesSchema = z.partialRecord(z.enum(recordCategories), z.number().min(0));

registerRecipeStep({
  name: "mix",
  description: "sample to a target share per category (seeded)",
  options: z.strictObject({ shares: sharesSchema, total: z.number().int().min(1).optional() }),
  async run(context, options) {
    const target: Parameters<typeof mixRecords>[1] = { shares: options.shares, seed: context.seed };
    if (options.total !== undefined) target.total = options.total;
    const result = mixRecords(context.records, target);
    context.records = result.records;
    return json({ before: result.before, after: result.after, shortfalls: result.shortfalls });
  },
});

registerRecipeStep({
  name: "split",
  description: "seeded stratified split, grouped by conversation",
  options: z.strictObject({ ratios: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.number().positive()) }),
  async run(context, options) {
    const result = splitRecords(context.records, { ratios: options.ratios, seed: context.seed });
    context.splits = result.splits;
    return json({ groups: result.groups, sizes: Object.fromEntries(Object.entries(result.splits).map(([name, rows]) => [name, rows.length])), composition: result.composition });
  },
});

registerRecipeStep({
  name: "export",
  description: "write the rows (each split, when split ran) in trainer formats",
  options: z.strictObject({ formats: z.array(z.enum(exportFormats)).min(1), train: z.enum(["all", "last"]).default("all") }),
  async run(context, options) {
    const sets = context.splits ?? { all: context.records };
    const written = [];
    for (const format of options.formats) {
      const directory = join(context.outDir, format);
      await mkdir(directory, { recursive: true });
      for (const [name, rows] of Object.entries(sets)) {
        const summary = await exportRecords(rows, format, join(directory, `${name}.jsonl`), { train: options.train });
        context.files.push(summary.file, ...summary.sideFiles);
        written.push({ format, split: name, file: summary.file, rows: summary.rows, losses: summary.losses });
      }
    }
    return json({ written, composition: composition(context.records) });
  },
});
