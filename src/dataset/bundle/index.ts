// Public surface of trainer bundles (re-exported by the dataset room's index.ts).
export { BundleError, writeBundle } from "./write-bundle.js";
export type { BundleAudit, BundleOptions, BundleProvenance, BundleResult } from "./write-bundle.js";
export { hashBundleFiles, manifestDigest, manifestFileName, manifestSchema, manifestStatement, signManifest, verifyBundleManifest } from "./manifest.js";
export type { DatasetManifest, ManifestAuditHead, ManifestCheck, ManifestFile, ManifestSource, ManifestStepCount } from "./manifest.js";
export { defaultTrainingSettings, llamaFactoryTemplateFor, trainerFiles } from "./trainer-config.js";
export type { TrainingSettings } from "./trainer-config.js";
export { axolotlRow, llamaFactoryRow, trainers, trlRow } from "./trainer-rows.js";
export type { Trainer } from "./trainer-rows.js";
