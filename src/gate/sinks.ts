// Built-in CallRecord sinks: in memory (tests, short runs) and JSON Lines (one record per line, appended).
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { CallRecord, CallSink } from "../record/index.js";

export interface MemorySink extends CallSink {
  readonly records: CallRecord[];
}

export function memorySink(): MemorySink {
  const records: CallRecord[] = [];
  return { records, record: (call) => void records.push(structuredClone(call)) };
}

/** Appends each record as one line; writes are chained so lines never interleave under concurrent calls. */
export function jsonlSink(path: string): CallSink {
  let ready: Promise<unknown> = mkdir(dirname(path), { recursive: true });
  return {
    record(call) {
      const line = `${JSON.stringify(call)}\n`;
      const write = ready.then(() => appendFile(path, line, "utf8"));
      ready = write.catch(() => undefined);
      return write;
    },
  };
}
