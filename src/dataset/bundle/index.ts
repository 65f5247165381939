// Public surface of trainer bundles (re-exported by the dataset room's index.ts).
export { BundleError, writeBundle } from "./write-bundle.js";
export type { BundleProvenance } from "./write-bundle.js";
export { manifestDigest, verifyBundleManifest } from "./manifest.js";
export type { DatasetManifest } from "./manifest.js";
export { defaultTrainingSettings } from "./trainer-config.js";
export type { TrainingSettings } from "./trainer-config.js";
export { trainers } from "./trainer-rows.js";
export type { Trainer } from "./trainer-rows.js";
