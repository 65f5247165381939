// Reads the rows of a source file without loading JSON Lines whole: one parsed value per line (1-based line numbers),
// or, for a JSON array / single JSON object file, one value per element (0-based index).
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";

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

/**
 * Streams JSON Lines with line numbers; blank lines are skipped, unparsable lines come back with `error`. Lines end at
 * \n, \r\n or a lone \r (as readline counts them) and are split from the read chunks directly: readline's event
 * machinery cost more per line than parsing a short JSON row.
 */
export async function* readJsonLines(path: string): AsyncGenerator<SourceRow> {
  let line = 0;
  const row = (text: string): SourceRow | undefined => {
    line += 1;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") return undefined;
    try {
      return { value: JSON.parse(trimmed), line };
    } catch (error) {
      return { value: undefined, line, error: `not JSON: ${(error as Error).message}` };
    }
  };
  let rest = "";
  let pendingCarriageReturn = false;
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    let text = rest + chunk;
    // A \r that ended the previous chunk already ended its line; a \n right after it belongs to that ending.
    if (pendingCarriageReturn && text.startsWith("\n")) text = text.slice(1);
    const breaks = /\r\n|\n|\r/g;
    let start = 0;
    for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
      const parsed = row(text.substring(start, match.index));
      start = match.index + match[0].length;
      if (parsed !== undefined) yield parsed;
    }
    pendingCarriageReturn = text.endsWith("\r");
    rest = text.substring(start);
  }
  if (rest !== "") {
    const parsed = row(rest);
    if (parsed !== undefined) yield parsed;
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
