// A small download progress display on stderr: a redrawn bar on a terminal, an occasional plain line in logs and CI.
// Hand-rolled on purpose: it is a few dozen lines and not worth a dependency.
import type { DownloadProgress } from "./download-file.js";

interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBarOptions {
  label: string;
  stream?: ProgressStream;
  /** Injected clock, for tests. */
  now?: () => number;
}

export interface ProgressBar {
  update(progress: DownloadProgress): void;
  /** Ends the display (a final newline on a terminal). */
  done(): void;
}

const redrawIntervalMs = 100;
const plainLineIntervalMs = 5_000;

export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = stream.isTTY === true;
  const startedAt = now();
  let firstBytes: number | undefined;
  let lastDrawAt = -Infinity;
  let lastPlainPercent = -1;
  let drewOnTty = false;

  return {
    update({ receivedBytes, totalBytes }) {
      firstBytes ??= receivedBytes;
      const at = now();
      const finished = totalBytes !== undefined && receivedBytes >= totalBytes;
      const seconds = Math.max((at - startedAt) / 1000, 0.001);
      const rate = (receivedBytes - firstBytes) / seconds;
      const percent = totalBytes ? Math.floor((receivedBytes / totalBytes) * 100) : undefined;
      const sizes = totalBytes ? `${mb(receivedBytes)}/${mb(totalBytes)} MB` : `${mb(receivedBytes)} MB`;
      const summary = `${percent === undefined ? "" : `${String(percent).padStart(3)}% `}${sizes} ${mb(rate)} MB/s`;
      if (tty) {
        if (!finished && at - lastDrawAt < redrawIntervalMs) return;
        lastDrawAt = at;
        const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - options.label.length - summary.length - 6));
        const filled = percent === undefined ? 0 : Math.round((percent / 100) * width);
        stream.write(`\r${options.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${summary}\x1b[K`);
        drewOnTty = true;
        return;
      }
      // Logs: one line per 10% (or every few seconds when the size is unknown), never a flood.
      const step = percent === undefined ? undefined : Math.floor(percent / 10) * 10;
      const due = step !== undefined ? step > lastPlainPercent : at - lastDrawAt >= plainLineIntervalMs;
      if (!due && !finished) return;
      if (step !== undefined) lastPlainPercent = step;
      lastDrawAt = at;
      stream.write(`${options.label}: ${summary.trim()}\n`);
    },
    done() {
      if (tty && drewOnTty) stream.write("\n");
    },
  };
}

function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
