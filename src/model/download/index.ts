// Public surface of model downloading: resumable verified downloads, the progress display and model path resolution.
export { ChecksumMismatchError, DownloadError, downloadFile } from "./download-file.js";
export type { DownloadErrorCode, DownloadFileOptions, DownloadProgress, DownloadResult } from "./download-file.js";
export { createProgressBar } from "./progress-bar.js";
export type { ProgressBar, ProgressBarOptions, ProgressStream } from "./progress-bar.js";
export { ModelUnavailableError, defaultModelCacheDir, effectiveDefaultModel, resolveModelPath } from "./resolve-model-path.js";
export type { ModelEnv, ResolveModelPathOptions } from "./resolve-model-path.js";
