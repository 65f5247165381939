// Streams canonical records (one DatasetRecord per JSON line) with a located error for any line that is not one.
import { basename } from "node:path";
import { readJsonLines } from "../io/source-rows.js";
import type { DatasetRecord } from "../record.js";
import { isJsonObject } from "../record.js";

class RecordFileError extends Error {
  override readonly name = "RecordFileError";
}

/**
 * Rows of a canonical JSON Lines file. A row without `meta.id` gets `<file>:<line>` as its id (ids must be stable, and
 * the line is); a line that is not JSON or has no `messages` array stops the read with its file:line.
 */
export async function* readRecords(path: string): AsyncGenerator<DatasetRecord> {
  const name = basename(path);
  for await (const row of readJsonLines(path)) {
    const where = `${path}:${row.line}`;
    if (row.error !== undefined) throw new RecordFileError(`${where}: ${row.error}`);
    const value = row.value;
    if (!isJsonObject(value) || !Array.isArray(value.messages)) throw new RecordFileError(`${where}: not a canonical record (no "messages" array); import the file first with toolgate dataset import`);
    if (value.tools !== undefined && !Array.isArray(value.tools)) throw new RecordFileError(`${where}: field "tools" is not an array`);
    const meta = isJsonObject(value.meta) ? value.meta : {};
    const id = typeof meta.id === "string" && meta.id !== "" ? meta.id : `${name}:${row.line}`;
    yield { ...(value as unknown as DatasetRecord), tools: (value.tools ?? []) as unknown as DatasetRecord["tools"], meta: { source: { format: "canonical", file: path, line: row.line ?? 0 }, ...(meta as object), id } as DatasetRecord["meta"] };
  }
}
