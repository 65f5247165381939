// Reads lines from the terminal one at a time, shared by the chat prompt and approval questions.
import type { Interface } from "node:readline/promises";

export interface LineReader {
  /** The next line, or undefined at end of input. An abort leaves the pending line for the next reader. */
  read(options?: { prompt?: string; signal?: AbortSignal }): Promise<string | undefined>;
}

/**
 * Lines come from the interface's async iterator rather than `question()`: piped input arrives in one chunk,
 * and `question()` drops every line that arrives while no question is pending.
 */
export function createLineReader(rl: Interface, options: { showPrompt: boolean }): LineReader {
  const lines = rl[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<string>> | undefined;
  return {
    async read({ prompt, signal } = {}) {
      if (signal?.aborted) return undefined;
      if (prompt !== undefined && options.showPrompt) {
        rl.setPrompt(prompt);
        rl.prompt();
      }
      pending ??= lines.next();
      const next = pending;
      const result = await (signal ? raceAbort(next, signal) : next);
      if (result === undefined) return undefined;
      pending = undefined;
      return result.done ? undefined : result.value;
    },
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
