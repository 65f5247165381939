// JSON with Python's json semantics: ints vs floats, NaN/Infinity, last duplicate key wins; and json.dumps back.
import { pyFloatRepr } from "./py-repr.js";
import type { PyValue } from "./py-value.js";
import { PyDict, PyTuple, PyTypeError, pyTypeName } from "./py-value.js";

/** What json.loads raises (JSONDecodeError): BFCL turns it into a decoder failure. */
export class PyJsonError extends Error {
  override readonly name = "PyJsonError";
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message}: char ${position}`);
  }
}

/**
 * Parses like Python's `json.loads` (strict mode). lossless-json keeps ints apart from floats too, but it rejects
 * duplicate keys and NaN/Infinity that json.loads accepts, and either would change a BFCL verdict.
 */
export function parsePyJson(text: string): PyValue {
  return parseWithJsonParse(text) ?? parseStrictly(text);
}

/** {@link parsePyJson} for text the caller already ran through JSON.parse: that result is reused, not parsed again. */
export function parsePyJsonFrom(text: string, parsed: unknown): PyValue {
  return parseWithJsonParse(text, parsed) ?? parseStrictly(text);
}

/** The character-by-character parser: every input the fast path declines, and the exact error for malformed text. */
function parseStrictly(text: string): PyValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value();
  parser.skipWhitespace();
  if (parser.pos !== text.length) throw new PyJsonError("Extra data", parser.pos);
  return value;
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** Strings (skipped) and number literals, in document order. */
const tokenPattern = /"(?:[^"\\]|\\[\s\S])*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;
/** An object key JS would move ahead of the others (an array index), where Python keeps insertion order. */
const indexKeyPattern = /"(?:0|[1-9]\d*)"\s*:/;
/** Whole JSON strings, so that a `"` inside one is never taken for the start of another. */
const stringPattern = /"(?:[^"\\]|\\[\s\S])*"/g;
const indexKeyText = /^"(?:0|[1-9]\d*)"$/;
/**
 * What an index-like key is renamed to for JSON.parse, which then keeps it in place: U+0000 and `#` before its digits.
 * No real key can start so, since texts holding a `\u0000` escape are left to the strict parser.
 */
const keptKeyEscape = "\\u0000#";

/**
 * The fast path, about 40% of scoring time before it: JSON.parse does the parsing, and a regex pass over the number
 * literals says which were ints (no fraction, no exponent), so each becomes a bigint or a float in document order.
 * Object keys that are array indexes, which JS would move to the front, are renamed for the parse and restored after.
 * Declines (undefined) whatever it cannot decode exactly: NaN/Infinity and malformed text (JSON.parse throws), and
 * duplicate keys whose dropped value held numbers (the literals no longer line up).
 */
function parseWithJsonParse(text: string, alreadyParsed?: unknown): PyValue | undefined {
  let parsed = alreadyParsed;
  let source = text;
  const renamed = indexKeyPattern.test(text);
  if (renamed) {
    if (/\\u0000/i.test(text)) return undefined;
    source = renameIndexKeys(text);
    parsed = undefined;
  }
  if (parsed === undefined) {
    try {
      parsed = JSON.parse(source);
    } catch {
      return undefined;
    }
  }
  const literals: string[] = [];
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(text); match !== null; match = tokenPattern.exec(text)) {
    if (match[0].charCodeAt(0) !== 0x22) literals.push(match[0]);
  }
  const state = { next: 0, exact: true, renamed };
  const value = fromParsed(parsed, literals, state);
  return state.exact && state.next === literals.length ? value : undefined;
}

/** The text with every index-like object key (a string of digits followed by `:`) written as `"\u0000#<digits>"`. */
function renameIndexKeys(text: string): string {
  let out = "";
  let chunk = 0;
  stringPattern.lastIndex = 0;
  for (let match = stringPattern.exec(text); match !== null; match = stringPattern.exec(text)) {
    if (!indexKeyText.test(match[0])) continue;
    let after = stringPattern.lastIndex;
    for (let code = text.charCodeAt(after); code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d; code = text.charCodeAt(after)) after++;
    if (text.charCodeAt(after) !== 0x3a) continue;
    out += `${text.slice(chunk, match.index + 1)}${keptKeyEscape}`;
    chunk = match.index + 1;
  }
  return out + text.slice(chunk);
}

function fromParsed(value: unknown, literals: readonly string[], state: { next: number; exact: boolean; renamed: boolean }): PyValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    const literal = literals[state.next++];
    if (literal === undefined) {
      state.exact = false;
      return value;
    }
    const isFloat = literal.includes(".") || literal.includes("e") || literal.includes("E");
    if (isFloat) {
      if (Number(literal) !== value && !Number.isNaN(value)) state.exact = false;
      return value;
    }
    const int = BigInt(literal);
    if (Number(int) !== value && !(int === 0n && value === 0)) state.exact = false;
    return int;
  }
  if (Array.isArray(value)) {
    const items = new Array<PyValue>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = fromParsed(value[i], literals, state);
    return items;
  }
  const dict = new PyDict();
  for (const key in value as Record<string, unknown>) {
    const item = fromParsed((value as Record<string, unknown>)[key], literals, state);
    dict.set(state.renamed && key.charCodeAt(0) === 0 ? key.slice(2) : key, item);
  }
  return dict;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const code = text.charCodeAt(pos);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
      pos++;
    }
    this.pos = pos;
  }

  value(): PyValue {
    const text = this.text;
    const char = text[this.pos];
    switch (char) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "n":
        return this.literal("null", null);
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "N":
        return this.literal("NaN", Number.NaN);
      case "I":
        return this.literal("Infinity", Number.POSITIVE_INFINITY);
    }
    if (char === "-" && text.startsWith("-Infinity", this.pos)) return this.literal("-Infinity", Number.NEGATIVE_INFINITY);
    return this.number();
  }

  /** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`: an int unless it has a fraction or an exponent. */
  private number(): PyValue {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const first = text.charCodeAt(pos);
    if (first === 0x30) pos++;
    else if (first >= 0x31 && first <= 0x39) pos = this.digits(pos);
    else throw new PyJsonError("Expecting value", start);
    let float = false;
    if (text.charCodeAt(pos) === 0x2e && isDigit(text.charCodeAt(pos + 1))) {
      pos = this.digits(pos + 1);
      float = true;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      let exponent = pos + 1;
      const sign = text.charCodeAt(exponent);
      if (sign === 0x2b || sign === 0x2d) exponent++;
      if (isDigit(text.charCodeAt(exponent))) {
        pos = this.digits(exponent);
        float = true;
      }
    }
    this.pos = pos;
    const literal = text.slice(start, pos);
    return float ? Number(literal) : BigInt(literal);
  }

  private digits(from: number): number {
    let pos = from;
    while (isDigit(this.text.charCodeAt(pos))) pos++;
    return pos;
  }

  private literal(word: string, value: PyValue): PyValue {
    if (!this.text.startsWith(word, this.pos)) throw new PyJsonError("Expecting value", this.pos);
    this.pos += word.length;
    return value;
  }

  private object(): PyDict {
    const dict = new PyDict();
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return dict;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') throw new PyJsonError("Expecting property name enclosed in double quotes", this.pos);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ":") throw new PyJsonError("Expecting ':' delimiter", this.pos);
      this.pos++;
      this.skipWhitespace();
      dict.set(key, this.value());
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "}") return dict;
      if (next !== ",") throw new PyJsonError("Expecting ',' delimiter", this.pos - 1);
      this.skipWhitespace();
    }
  }

  private array(): PyValue[] {
    const items: PyValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "]") return items;
      if (next !== ",") throw new PyJsonError("Expecting ',' delimiter", this.pos - 1);
      this.skipWhitespace();
    }
  }

  private string(): string {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let out = "";
    let chunk = pos;
    for (;;) {
      if (pos >= text.length) throw new PyJsonError("Unterminated string starting at", start);
      const code = text.charCodeAt(pos);
      if (code === 0x22) {
        out += text.slice(chunk, pos);
        this.pos = pos + 1;
        return out;
      }
      if (code < 0x20) throw new PyJsonError("Invalid control character at", pos);
      if (code !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(chunk, pos);
      const escape = text[pos + 1];
      switch (escape) {
        case '"':
        case "\\":
        case "/":
          out += escape;
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PyJsonError("Invalid \\uXXXX escape", pos + 1);
          // A surrogate pair written as two escapes becomes one code point; JS strings hold it the same way.
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          throw new PyJsonError("Invalid \\escape", pos);
      }
      pos += 2;
      chunk = pos;
    }
  }
}

/** A float as json.dumps writes it (allow_nan): NaN/Infinity literals, else repr. */
function pyJsonFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return pyFloatRepr(value);
}

/** A character json.dumps escapes: anything outside space..tilde, and the quote and backslash. */
const needsJsonEscape = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/**
 * A str as json.dumps writes it by default (ensure_ascii): everything outside space..tilde escaped, UTF-16 units as
 * `\\uXXXX` (so astral characters become the surrogate pairs Python writes), lowercase hex.
 */
function pyJsonString(text: string): string {
  // Most strings need no escape at all: one native scan decides it.
  if (!needsJsonEscape.test(text)) return `"${text}"`;
  let out = '"';
  let chunk = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code <= 0x7e && code !== 0x22 && code !== 0x5c) continue;
    out += text.slice(chunk, index);
    chunk = index + 1;
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += "\\\\";
    else if (code === 0x0a) out += "\\n";
    else if (code === 0x0d) out += "\\r";
    else if (code === 0x09) out += "\\t";
    else if (code === 0x08) out += "\\b";
    else if (code === 0x0c) out += "\\f";
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `${out}${text.slice(chunk)}"`;
}

/** A dict key as json.dumps writes it: str, int, float, bool and None become strings; anything else is a TypeError. */
function pyJsonKey(key: PyValue): string {
  if (typeof key === "string") return pyJsonString(key);
  if (typeof key === "bigint") return pyJsonString(key.toString());
  if (typeof key === "number") return pyJsonString(pyJsonFloat(key));
  if (typeof key === "boolean") return key ? '"true"' : '"false"';
  if (key === null) return '"null"';
  throw new PyTypeError(`keys must be str, int, float, bool or None, not ${pyTypeName(key)}`);
}

/**
 * Lists the simulated APIs hand out as fresh copies of a constant table of primitives (the long-context padding: two
 * lists of 2,000 prices in every long-context get_stock_info). Each copy remembers its source; dumping a copy whose
 * items are still exactly the source's (Object.is, so a changed or -0 item falls back) reuses the source's text, written
 * once. Items are primitives, so equal items mean equal text.
 */
const constantSources = new WeakMap<readonly PyValue[], readonly PyValue[]>();
const constantTexts = new WeakMap<readonly PyValue[], string>();
const primitiveSources = new WeakSet<readonly PyValue[]>();

/** A fresh list with the items of a constant table, which json.dumps can write from the table's remembered text. */
export function copyConstantList(source: readonly PyValue[]): PyValue[] {
  const copy = [...source];
  if (!primitiveSources.has(source)) {
    if (!source.every((item) => item === null || typeof item !== "object")) return copy;
    primitiveSources.add(source);
  }
  constantSources.set(copy, source);
  return copy;
}

function sameItemsAsSource(list: readonly PyValue[], source: readonly PyValue[]): boolean {
  if (list.length !== source.length) return false;
  for (let index = 0; index < list.length; index += 1) if (!Object.is(list[index], source[index])) return false;
  return true;
}

function dumpsList(list: readonly PyValue[]): string {
  const source = constantSources.get(list);
  if (source === undefined || !sameItemsAsSource(list, source)) return dumpsItems(list, "[", "]");
  let text = constantTexts.get(source);
  if (text === undefined) {
    text = dumpsItems(source, "[", "]");
    constantTexts.set(source, text);
  }
  return text;
}

/**
 * Python's json.dumps with its defaults: ", " and ": " separators, ASCII-only output, NaN allowed, floats keeping their
 * `.0` or exponent so they decode as floats again, tuples as lists, TypeError (a PyException) on anything else.
 */
export function dumpsPyJson(value: PyValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      return pyJsonFloat(value);
    case "string":
      return pyJsonString(value);
  }
  // Containers are written by appending to one string: no per-item arrays, which were most of dumping a large state.
  if (Array.isArray(value)) return dumpsList(value);
  if (value instanceof PyTuple) return dumpsItems(value.items, "[", "]");
  if (value instanceof PyDict) {
    let out = "{";
    let first = true;
    value.forEach((item, key) => {
      out += first ? `${pyJsonKey(key)}: ${dumpsPyJson(item)}` : `, ${pyJsonKey(key)}: ${dumpsPyJson(item)}`;
      first = false;
    });
    return `${out}}`;
  }
  throw new PyTypeError(`Object of type ${pyTypeName(value)} is not JSON serializable`);
}

function dumpsItems(items: readonly PyValue[], open: string, close: string): string {
  if (items.length === 0) return open + close;
  let out = open + dumpsPyJson(items[0] as PyValue);
  for (let index = 1; index < items.length; index += 1) out += `, ${dumpsPyJson(items[index] as PyValue)}`;
  return out + close;
}
