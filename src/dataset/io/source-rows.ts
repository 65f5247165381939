// Reads the rows of a source file without loading JSON Lines whole: one parsed value per line (1-based line numbers),
// or, for a JSON array / single JSON object file, one value per element (0-based index).
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { createInterface } from "node:readline";

export interface SourceRow {
  /** The parsed JSON value; undefined when the line was not JSON (then `error` says why). */
  value: unknown;
  line?: number;
  index?: number;
  error?: string;
}

/** The first non-space character of a file, to tell a JSON array (`[`) from JSON Lines. */
async function firstCharacter(path: string): Promise<string | undefined> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return /\S/.exec(buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, ""))?.[0];
  } finally {
    await handle.close();
  }
}

/** Streams JSON Lines with line numbers; blank lines are skipped, unparsable lines come back with `error`. */
export async function* readJsonLines(path: string): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") continue;
    try {
      yield { value: JSON.parse(trimmed), line };
    } catch (error) {
      yield { value: undefined, line, error: `not JSON: ${(error as Error).message}` };
    }
  }
}

/**
 * Rows of any source file. JSON Lines stream; a JSON array (or one pretty-printed object) is read whole, because JSON
 * has no record boundary to stream on — the public array-shaped sets are small; convert big ones to JSON Lines first.
 */
export async function* readSourceRows(path: string): AsyncGenerator<SourceRow> {
  const first = await firstCharacter(path);
  if (first === "[") {
    yield* readWholeJson(path);
    return;
  }
  const lines = readJsonLines(path);
  const head = await lines.next();
  if (head.done) return;
  if (head.value.error !== undefined && first === "{") {
    // A pretty-printed single object: the first line alone is not JSON.
    await lines.return(undefined);
    yield* readWholeJson(path);
    return;
  }
  yield head.value;
  yield* lines;
}

async function* readWholeJson(path: string): AsyncGenerator<SourceRow> {
  const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    yield { value: undefined, line: 1, error: `not JSON: ${(error as Error).message}` };
    return;
  }
  // A bare list of ShareGPT turns ({from, value}) is one conversation, not one row per turn.
  const bareTurns = Array.isArray(parsed) && parsed.length > 0 && parsed.every((entry) => typeof entry === "object" && entry !== null && "from" in entry && "value" in entry);
  if (!Array.isArray(parsed) || bareTurns) {
    yield { value: parsed, index: 0 };
    return;
  }
  for (let index = 0; index < parsed.length; index += 1) yield { value: parsed[index], index };
}
