// Reads BFCL's data directory: question files and possible answers (JSON Lines despite the .json name), as BFCL pairs them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMemory, isWebSearch, versionPrefix } from "./categories.js";
import { BfclDataError } from "./errors.js";
import { parsePyJson, parsePyJsonFrom, PyJsonError } from "../../python/py-json.js";
import type { PyValue } from "../../python/py-value.js";
import { PyDict } from "../../python/py-value.js";

/** One line of a question, answer or result file, with its `id` read out. */
export interface BfclLine {
  id: string;
  /** The line decoded with Python's JSON rules (ints apart from floats). */
  readonly value: PyDict;
  /** The line's text, for consumers that want plain JSON (the multi-turn checker). */
  text: string;
  /** The line as JSON.parse reads it (numbers without the int/float distinction). */
  readonly json: Record<string, unknown>;
}

/**
 * A line whose Python-rules decoding waits until someone reads `value`: a relevance question is only paired by id, and
 * multi-turn lines are read as plain JSON, so most of the 14k lines of a run never need it (it was a third of scoring).
 * JSON.parse has already checked the text, and whatever JSON.parse accepts, Python's json.loads accepts too.
 */
class LazyLine implements BfclLine {
  private decoded: PyDict | undefined;
  constructor(
    readonly id: string,
    readonly text: string,
    readonly json: Record<string, unknown>,
  ) {}

  get value(): PyDict {
    this.decoded ??= parsePyJsonFrom(this.text, this.json) as PyDict;
    return this.decoded;
  }

  /** The same line under another id (the shared web-search and memory questions take their category's name). */
  renamed(id: string): LazyLine {
    const line = new LazyLine(id, this.text, this.json);
    line.decoded = this.decoded;
    return line;
  }
}

/** A line JSON.parse declined (NaN, Infinity: Python accepts them) keeps its eagerly decoded value. */
class DecodedLine implements BfclLine {
  constructor(
    readonly id: string,
    readonly text: string,
    readonly value: PyDict,
  ) {}

  /** Throws as JSON.parse does on this text: plain-JSON consumers cannot read it. */
  get json(): Record<string, unknown> {
    return JSON.parse(this.text) as Record<string, unknown>;
  }

  renamed(id: string): DecodedLine {
    return new DecodedLine(id, this.text, this.value);
  }
}

/** Every non-blank line of a JSON Lines file, decoded with Python's JSON rules, with its text and line number. */
export function readJsonValues(path: string): Array<{ value: PyValue; text: string; lineNumber: number }> {
  if (!existsSync(path)) throw new BfclDataError(`${path} does not exist`);
  const values: Array<{ value: PyValue; text: string; lineNumber: number }> = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((text, index) => {
      if (text.trim() === "") return;
      try {
        values.push({ value: parsePyJson(text), text, lineNumber: index + 1 });
      } catch (error) {
        if (error instanceof PyJsonError) throw new BfclDataError(`${path} line ${index + 1} is not JSON (${error.message}); BFCL files hold one JSON object per line`);
        throw error;
      }
    });
  return values;
}

/** How many entries a JSON Lines file holds (its non-blank lines), without decoding them. */
export function countJsonLines(path: string): number {
  // Counted on the bytes: a line counts when it holds a byte other than ASCII blanks; a line whose only other bytes are
  // non-ASCII is decoded and trimmed as text would be (Unicode spaces are blank too).
  const bytes = readFileSync(path);
  let count = 0;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    let blank = true;
    let nonAscii = false;
    for (let at = start; at < end && blank; at++) {
      const byte = bytes[at] as number;
      if (byte >= 0x80) nonAscii = true;
      else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0b && byte !== 0x0c) blank = false;
    }
    if (!blank || (nonAscii && bytes.toString("utf8", start, end).trim() !== "")) count++;
    start = end + 1;
  }
  return count;
}

/** Every line of a question, answer or result file: one object with a string `id` per line. */
export function readJsonLines(path: string): BfclLine[] {
  if (!existsSync(path)) throw new BfclDataError(`${path} does not exist`);
  const lines: BfclLine[] = [];
  const noId = (lineNumber: number) => new BfclDataError(`${path} line ${lineNumber} has no string "id"; BFCL files hold one object with an id per line`);
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((text, index) => {
      if (text.trim() === "") return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        // Python-only literals (NaN, Infinity), or not JSON at all: the Python-rules parser decides and locates the error.
        const value = decodeLine(path, text, index + 1);
        if (!(value instanceof PyDict) || typeof value.get("id") !== "string") throw noId(index + 1);
        lines.push(new DecodedLine(value.get("id") as string, text, value));
        return;
      }
      const id = typeof json === "object" && json !== null && !Array.isArray(json) ? (json as { id?: unknown }).id : undefined;
      if (typeof id !== "string") throw noId(index + 1);
      lines.push(new LazyLine(id, text, json as Record<string, unknown>));
    });
  return lines;
}

function decodeLine(path: string, text: string, lineNumber: number): PyValue {
  try {
    return parsePyJson(text);
  } catch (error) {
    if (error instanceof PyJsonError) throw new BfclDataError(`${path} line ${lineNumber} is not JSON (${error.message}); BFCL files hold one JSON object per line`);
    throw error;
  }
}

/** The question file a category reads: web search and memory categories share one file each. */
export function questionFileOf(dataDir: string, category: string): string {
  const file = isWebSearch(category) ? "web_search" : isMemory(category) ? "memory" : category;
  return join(dataDir, `${versionPrefix}_${file}.json`);
}

export function answerFileOf(dataDir: string, category: string): string {
  const file = isWebSearch(category) ? "web_search" : isMemory(category) ? "memory" : category;
  return join(dataDir, "possible_answer", `${versionPrefix}_${file}.json`);
}

/**
 * A category's questions in file order, with ids renamed as BFCL renames them: the shared web-search and memory
 * questions take the category's name (`web_search_3` → `web_search_base_3`, `memory_0-…` → `memory_kv_0-…`).
 */
export function loadQuestions(dataDir: string, category: string): BfclLine[] {
  const lines = readJsonLines(requireFile(questionFileOf(dataDir, category), dataDir));
  if (!isWebSearch(category) && !isMemory(category)) return lines;
  const from = isWebSearch(category) ? "web_search" : "memory";
  return lines.map((line) => (line as LazyLine | DecodedLine).renamed(line.id.replaceAll(from, category)));
}

/** The possible answers, in the same order as the questions (BFCL pairs them by position). */
export function loadGroundTruth(dataDir: string, category: string): BfclLine[] {
  return readJsonLines(requireFile(answerFileOf(dataDir, category), dataDir));
}

function requireFile(path: string, dataDir: string): string {
  if (existsSync(path)) return path;
  throw new BfclDataError(`${path} is missing: --data must point at BFCL's data directory (the one holding BFCL_v4_*.json and possible_answer/), not ${dataDir}`);
}

/** `entry[key]` for a decoded line. */
export function field(line: BfclLine, key: string): PyValue {
  const value = line.value.get(key);
  if (value === undefined) throw new BfclDataError(`entry ${line.id} has no "${key}"`);
  return value;
}
