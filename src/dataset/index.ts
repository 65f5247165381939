// Public surface of the dataset room: the canonical record, importers, verify, dedupe, leakage, mix/split, exports and
// the recipe runner (C1); token counting, bundles, cards and submission (C2) re-export their own barrels here.
export * from "./record.js";
export { importFile, createImportSummary } from "./import/import-file.js";
export type { ImportOutcome } from "./import/row-builder.js";
export { UnknownFormatError } from "./import/detect-format.js";
export { importTraces } from "./import/import-trace.js";
export { openJsonlWriter, writeJsonLines } from "./io/jsonl-writer.js";
export { verifyFile, formatVerifyReport } from "./verify/verify-report.js";
export { checkRecord } from "./verify/check-record.js";
export { SchemaCache } from "./verify/schema-cache.js";
export { composition } from "./mix/mix.js";
export { splitRecords } from "./mix/split.js";
export { seededRandom } from "./mix/seeded-random.js";
export { findDuplicates, applyDedupe } from "./dedupe/dedupe.js";
export * from "./augment/index.js";
export { LeakageIndex, checkLeakage } from "./dedupe/leakage.js";
export { evalItemsFromFile } from "./dedupe/eval-items.js";
export { MinHasher, estimatedJaccard } from "./dedupe/minhash.js";
export { comparisonText, jaccard, shingles, wordTokens } from "./dedupe/text-features.js";
export { exportRecords } from "./export/export-file.js";
export { exportFormats } from "./export/export-row.js";
export { parseRecipe, runRecipe, RecipeError } from "./recipe/run-recipe.js";
export * from "./tokens/index.js";
export * from "./bundle/index.js";
export * from "./card/index.js";
export * from "./submit/index.js";
