// Public surface of the dataset room: the canonical record, importers, verify, dedupe, leakage, mix/split, exports and
// the recipe runner (C1); token counting, bundles, cards and submission (C2) re-export their own barrels here.
export * from "./record.js";
export { importFile, createImportSummary } from "./import/import-file.js";
export type { ImportFileOptions, ImportSummary } from "./import/import-file.js";
export type { ImportOutcome, ImportOptions } from "./import/row-builder.js";
export { detectFormat, UnknownFormatError } from "./import/detect-format.js";
export { parsePythonLiteral, parseJsonOrPython, PythonLiteralError } from "./io/python-literal.js";
export { readSourceRows, readJsonLines } from "./io/source-rows.js";
export type { SourceRow } from "./io/source-rows.js";
export { openJsonlWriter, writeJsonLines } from "./io/jsonl-writer.js";
export type { JsonlWriter } from "./io/jsonl-writer.js";
export { verifyFile, createVerifyReport, formatVerifyReport, verifyHasErrors } from "./verify/verify-report.js";
export type { VerifyReport, VerifyOptions, DefectCount } from "./verify/verify-report.js";
export { checkRecord } from "./verify/check-record.js";
export { checkOpenAiFormat } from "./verify/openai-format.js";
export { fixRecord } from "./verify/fix-record.js";
export { SchemaCache } from "./verify/schema-cache.js";
export type { Defect, LocatedDefect, Severity } from "./verify/defect.js";
export { categorize } from "./mix/categorize.js";
export * from "./tokens/index.js";
export * from "./bundle/index.js";
export * from "./card/index.js";
