// Public surface of model downloading: resumable verified downloads, the progress display and model path resolution.
export { createProgressBar } from "./progress-bar.js";
export type { ProgressBar } from "./progress-bar.js";
