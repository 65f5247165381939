// What the multi-turn checker reads of a question line, decoded without the conversation it does not read.
import { parsePyJson } from "../../python/py-json.js";
import { PyDict, type PyValue } from "../../python/py-value.js";
import type { BfclLine } from "./load-data.js";

/**
 * Decoded `initial_config` texts. The four multi-turn categories mostly start from the same configs (the shared data:
 * 800 questions, about 230 distinct configs), and a decoded config is only read: each API instance deep-copies its part.
 */
const configByText = new Map<string, PyValue>();
/** A bound on what one long-lived process keeps. */
const maxCachedConfigs = 5_000;

/**
 * The question as the multi-turn checker reads it: `id`, `involved_classes` and `initial_config`, the config decoded
 * with Python's JSON rules (its `10.0` stays a float). Decoding the whole line also built the conversation (`question`,
 * about 40% of the text) and the function lists, which the checker never reads. Lines the shortcut cannot read exactly
 * (no JSON.parse result, an escaped or missing key, a list that is not of strings) are decoded whole, as before.
 */
export function multiTurnQuestion(line: BfclLine): PyValue {
  let json: Record<string, unknown>;
  try {
    json = line.json;
  } catch {
    return line.value;
  }
  const involved = json.involved_classes;
  const configText = topLevelValueText(line.text, "initial_config");
  if (configText === undefined || typeof json.id !== "string" || !Array.isArray(involved) || !involved.every((name) => typeof name === "string")) return line.value;
  let config = configByText.get(configText);
  if (config === undefined) {
    config = parsePyJson(configText);
    if (configByText.size >= maxCachedConfigs) configByText.clear();
    configByText.set(configText, config);
  }
  const question = new PyDict();
  question.set("id", json.id);
  question.set("involved_classes", [...(involved as string[])]);
  question.set("initial_config", config);
  return question;
}

/**
 * The text of the value of `key` in the JSON object `text` (valid JSON: JSON.parse read it), from the last occurrence of
 * the key, as JSON.parse and Python keep the last of duplicate keys. Undefined when the key is absent or when any key of
 * the object is written with an escape (it might spell `key`).
 */
export function topLevelValueText(text: string, key: string): string | undefined {
  const quoted = JSON.stringify(key);
  let depth = 0;
  let found: string | undefined;
  let valueStart = -1;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      const end = stringEnd(text, at);
      if (depth === 1 && valueStart === -1) {
        let after = end + 1;
        while (isJsonSpace(text.charCodeAt(after))) after++;
        if (text.charCodeAt(after) === 0x3a) {
          // An object key of the top level.
          if (text.slice(at, end).includes("\\")) return undefined;
          if (text.slice(at, end + 1) === quoted) {
            valueStart = after + 1;
            at = after;
            continue;
          }
        }
      }
      at = end;
    } else if (code === 0x7b || code === 0x5b) depth++;
    else if (code === 0x7d || code === 0x5d) {
      depth--;
      // The object's closing brace ends the last value.
      if (valueStart !== -1 && depth === 0) {
        found = text.slice(valueStart, at).trim();
        valueStart = -1;
      }
    } else if (code === 0x2c && valueStart !== -1 && depth === 1) {
      found = text.slice(valueStart, at).trim();
      valueStart = -1;
    }
  }
  return found;
}

/** Where the JSON string opening at `start` closes: the next quote not escaped by an odd run of backslashes. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    // Unterminated (not JSON): the rest of the text.
    if (end === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
