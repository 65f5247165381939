// Writes JSON Lines to a file with backpressure, so a million-row export keeps memory flat.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { WriteStream } from "node:fs";

export interface JsonlWriter {
  write(value: unknown): Promise<void>;
  close(): Promise<void>;
  readonly count: number;
}

export function openJsonlWriter(path: string, options: { mode?: number } = {}): JsonlWriter {
  const stream: WriteStream = createWriteStream(path, { encoding: "utf8", mode: options.mode ?? 0o644 });
  let count = 0;
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure = error;
  });
  return {
    get count() {
      return count;
    },
    async write(value: unknown) {
      if (failure) throw failure;
      count += 1;
      if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, "drain");
    },
    async close() {
      if (failure) throw failure;
      stream.end();
      await once(stream, "finish");
    },
  };
}

/** Writes every value of an iterable; returns how many lines were written. */
export async function writeJsonLines(path: string, values: AsyncIterable<unknown> | Iterable<unknown>): Promise<number> {
  const writer = openJsonlWriter(path);
  try {
    for await (const value of values) await writer.write(value);
  } finally {
    await writer.close();
  }
  return writer.count;
}
