// A first-run model download shown as a progress bar on stderr, so stdout stays clean for answers and --json.
import type { ProgressBar } from "../model/download/index.js";
import { createProgressBar } from "../model/download/index.js";
import type { CliOutput } from "./cli-io.js";

export interface DownloadProgress {
  onDownloadProgress: (progress: { receivedBytes: number; totalBytes?: number }) => void;
  /** Ends a bar a failed download left open. */
  done(): void;
}

export function downloadProgress(stderr: CliOutput): DownloadProgress {
  let bar: ProgressBar | undefined;
  return {
    onDownloadProgress(progress) {
      bar ??= createProgressBar({ label: "toolgate: downloading model", stream: stderr });
      bar.update(progress);
      if (progress.totalBytes !== undefined && progress.receivedBytes >= progress.totalBytes) {
        bar.done();
        bar = undefined;
      }
    },
    done() {
      bar?.done();
      bar = undefined;
    },
  };
}
