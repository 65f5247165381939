// Evaluation progress on stderr: a redrawn bar on a terminal, a plain line every tenth of the run (or every 10 s) in logs and CI.
import type { EvalProgress } from "../run/index.js";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  update(progress: EvalProgress): void;
  /** Ends the display: a newline after the bar on a terminal, a last line in logs. */
  done(): void;
}

const redrawIntervalMs = 100;
const plainIntervalMs = 10_000;

export function createProgressReporter(options: { stream: ProgressStream; label?: string; now?: () => number }): ProgressReporter {
  const { stream } = options;
  const label = options.label ?? "eval";
  const now = options.now ?? Date.now;
  const tty = stream.isTTY === true;
  const startedAt = now();
  let lastDraw = -Infinity;
  let lastTenth = 0;
  let last: EvalProgress | undefined;
  let drew = false;

  const counts = (progress: EvalProgress) =>
    `${progress.done}/${progress.total} · ${progress.passed} passed · ${progress.failed} failed${progress.errors ? ` · ${progress.errors} errors` : ""}${progress.cached ? ` · ${progress.cached} cached` : ""}`;

  return {
    update(progress) {
      last = progress;
      const at = now();
      const finished = progress.done >= progress.total;
      if (tty) {
        if (!finished && at - lastDraw < redrawIntervalMs) return;
        lastDraw = at;
        const text = counts(progress);
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - label.length - text.length - 6));
        const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width);
        stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}\x1b[K`);
        drew = true;
        return;
      }
      const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
      if (tenth > lastTenth || at - lastDraw >= plainIntervalMs || finished) {
        if (finished && drew && tenth === lastTenth) return;
        lastTenth = tenth;
        lastDraw = at;
        drew = true;
        stream.write(`${label}: ${counts(progress)} (${Math.round((at - startedAt) / 1000)} s)\n`);
      }
    },
    done() {
      if (tty && drew) stream.write("\n");
      else if (!tty && last && !drew) stream.write(`${label}: ${counts(last)}\n`);
    },
  };
}
