// Reads BFCL's data directory: question files and possible answers (JSON Lines despite the .json name), as BFCL pairs them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMemory, isWebSearch, versionPrefix } from "./categories.js";
import { BfclDataError } from "./errors.js";
import { parsePyJson, PyJsonError } from "../../python/py-json.js";
import type { PyValue } from "../../python/py-value.js";
import { PyDict } from "../../python/py-value.js";

/** One line of a question, answer or result file, with its `id` read out. */
export interface BfclLine {
  id: string;
  value: PyDict;
  /** The line's text, for consumers that want plain JSON (the multi-turn checker). */
  text: string;
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
  let count = 0;
  for (const line of readFileSync(path, "utf8").split("\n")) if (line.trim() !== "") count++;
  return count;
}

/** Every line of a question, answer or result file: one object with a string `id` per line. */
export function readJsonLines(path: string): BfclLine[] {
  return readJsonValues(path).map(({ value, text, lineNumber }) => {
    if (!(value instanceof PyDict) || typeof value.get("id") !== "string") {
      throw new BfclDataError(`${path} line ${lineNumber} has no string "id"; BFCL files hold one object with an id per line`);
    }
    return { id: value.get("id") as string, value, text };
  });
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
  return lines.map((line) => ({ ...line, id: line.id.replaceAll(from, category) }));
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
