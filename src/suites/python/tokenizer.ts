// Splits a Python expression into tokens the way CPython's tokenizer does (literals, names, operators, bracket-aware newlines).
import { PySyntaxError, PyUnsupportedSyntaxError } from "./python-ast.js";
import type { PyValue } from "./py-value.js";
import { PyComplex } from "./py-complex.js";

export type Token =
  | { kind: "name"; value: string; start: number }
  | { kind: "number"; value: PyValue; start: number }
  | { kind: "string"; value: string; bytes: boolean; fstring: boolean; uPrefix: boolean; source: string; start: number }
  | { kind: "op"; value: string; start: number }
  | { kind: "newline"; start: number }
  | { kind: "end"; start: number };

const operators = [
  "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=",
  "&=", "|=", "^=", "@=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "=", "+", "-", "*", "/", "%", "&", "|", "^",
  "~", "<", ">",
];

// The operators by first character, longest first: tokenize tries only the few that can match here.
const operatorsByFirstChar = new Map<string, string[]>();
for (const op of operators) {
  const candidates = operatorsByFirstChar.get(op[0] as string) ?? [];
  candidates.push(op);
  operatorsByFirstChar.set(op[0] as string, candidates);
}

const namePattern = /[\p{L}\p{Nl}_\u2118\u212e\u309b\u309c][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u00b7\u0387\u1369-\u1371\u19da\u2118\u212e\u309b\u309c]*/uy;
const stringPrefixPattern = /(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?='|")/y;
const hexPattern = /0[xX](?:_?[0-9a-fA-F])+/y;
const octPattern = /0[oO](?:_?[0-7])+/y;
const binPattern = /0[bB](?:_?[01])+/y;
const decimalPattern = /(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?/y;
const identifierStart = /[\p{L}\p{Nl}_]/u;
const asciiOnly = /^[ -~]*$/;
const stringStarts = new Set(["'", '"', "r", "R", "b", "B", "f", "F", "u", "U"]);
const closers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  // The open brackets, innermost last: newlines inside brackets are not tokens, and CPython names the bracket it faults.
  const open: string[] = [];
  const length = source.length;
  while (pos < length) {
    const char = source[pos] as string;
    if (char === " " || char === "\t" || char === "\f") {
      pos++;
      continue;
    }
    if (char === "#") {
      while (pos < length && source[pos] !== "\n" && source[pos] !== "\r") pos++;
      continue;
    }
    if (char === "\\") {
      if (source[pos + 1] === "\n") pos += 2;
      else if (source.startsWith("\r\n", pos + 1)) pos += 3;
      else throw new PySyntaxError("unexpected character after line continuation character", pos);
      continue;
    }
    if (char === "\n" || char === "\r") {
      if (open.length === 0 && tokens.at(-1)?.kind !== "newline" && tokens.length > 0) tokens.push({ kind: "newline", start: pos });
      pos++;
      continue;
    }
    // Only a quote or a prefix letter can start a string; the pattern confirms the rest.
    stringPrefixPattern.lastIndex = pos;
    const prefix = stringStarts.has(char) ? stringPrefixPattern.exec(source) : null;
    if (prefix) {
      const token = readString(source, pos, prefix[0]);
      tokens.push(token);
      pos = token.start + token.source.length;
      continue;
    }
    const asciiEnd = asciiNameEnd(source, pos);
    if (asciiEnd > pos) {
      tokens.push({ kind: "name", value: source.slice(pos, asciiEnd), start: pos });
      pos = asciiEnd;
      continue;
    }
    namePattern.lastIndex = pos;
    const name = namePattern.exec(source);
    if (name) {
      // Python compares identifiers after NFKC normalisation (ASCII names are already normal).
      tokens.push({ kind: "name", value: asciiOnly.test(name[0]) ? name[0] : name[0].normalize("NFKC"), start: pos });
      pos += name[0].length;
      continue;
    }
    if ((char >= "0" && char <= "9") || (char === "." && /[0-9]/.test(source[pos + 1] ?? ""))) {
      const { value, end } = readNumber(source, pos);
      tokens.push({ kind: "number", value, start: pos });
      pos = end;
      continue;
    }
    const op = operatorsByFirstChar.get(char)?.find((candidate) => source.startsWith(candidate, pos));
    if (!op) throw new PySyntaxError(`invalid character '${char}'`, pos);
    if (op === "(" || op === "[" || op === "{") open.push(op);
    if (op === ")" || op === "]" || op === "}") {
      const opener = open.pop();
      if (opener === undefined) throw new PySyntaxError(`unmatched '${op}'`, pos);
      if (closers[opener] !== op) throw new PySyntaxError(`closing parenthesis '${op}' does not match opening parenthesis '${opener}'`, pos);
    }
    tokens.push({ kind: "op", value: op, start: pos });
    pos += op.length;
  }
  if (open.length > 0) throw new PySyntaxError(`'${open.at(-1) as string}' was never closed`, pos);
  tokens.push({ kind: "end", start: pos });
  return tokens;
}

/** Where an all-ASCII name starting at `pos` ends, or `pos` when there is none (or it runs into non-ASCII: the full pattern decides). */
function asciiNameEnd(source: string, pos: number): number {
  let code = source.charCodeAt(pos);
  if (!((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95)) return pos;
  let end = pos + 1;
  for (; end < source.length; end++) {
    code = source.charCodeAt(end);
    if (!((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95)) break;
  }
  return code > 0x7f && end < source.length ? pos : end;
}

function readNumber(source: string, pos: number): { value: PyValue; end: number } {
  for (const pattern of [hexPattern, octPattern, binPattern]) {
    pattern.lastIndex = pos;
    const match = pattern.exec(source);
    if (match) return { value: checkedNumberEnd(source, pos + match[0].length, BigInt(match[0].replaceAll("_", ""))), end: pos + match[0].length };
  }
  decimalPattern.lastIndex = pos;
  const match = decimalPattern.exec(source) as RegExpExecArray;
  const text = match[0];
  const end = pos + text.length;
  const clean = text.replaceAll("_", "");
  let value: PyValue;
  if (/[jJ]$/.test(clean)) value = new PyComplex(0, Number(clean.slice(0, -1)));
  else if (/[.eE]/.test(clean)) value = Number(clean);
  else {
    if (/^0+[1-9]/.test(clean)) throw new PySyntaxError("leading zeros in decimal integer literals are not permitted", pos);
    value = BigInt(clean);
  }
  return { value: checkedNumberEnd(source, end, value), end };
}

function checkedNumberEnd(source: string, end: number, value: PyValue): PyValue {
  const next = source[end] ?? "";
  if (next !== "" && (identifierStart.test(next) || /[0-9]/.test(next))) throw new PySyntaxError("invalid decimal literal", end);
  return value;
}

function readString(source: string, start: number, prefix: string): Extract<Token, { kind: "string" }> {
  const flags = prefix.toLowerCase();
  const raw = flags.includes("r");
  const bytes = flags.includes("b");
  const fstring = flags.includes("f");
  let pos = start + prefix.length;
  const quote = source[pos] as string;
  const triple = source.startsWith(quote.repeat(3), pos);
  pos += triple ? 3 : 1;
  let value = "";
  for (;;) {
    if (pos >= source.length) throw new PySyntaxError("unterminated string literal", start);
    const char = source[pos] as string;
    if (triple ? source.startsWith(quote.repeat(3), pos) : char === quote) {
      pos += triple ? 3 : 1;
      break;
    }
    if (!triple && (char === "\n" || char === "\r")) throw new PySyntaxError("unterminated string literal", start);
    if (char !== "\\") {
      if (bytes && char.charCodeAt(0) > 0x7f) throw new PySyntaxError("bytes can only contain ASCII literal characters", pos);
      value += char;
      pos++;
      continue;
    }
    const next = source[pos + 1];
    if (next === undefined) throw new PySyntaxError("unterminated string literal", start);
    if (raw || fstring) {
      // Raw strings keep the backslash; f-strings are never evaluated here, only skipped past.
      value += char + next;
      pos += 2;
      continue;
    }
    const escaped = readEscape(source, pos, bytes);
    value += escaped.text;
    pos = escaped.end;
  }
  return { kind: "string", value, bytes, fstring, uPrefix: flags === "u", source: source.slice(start, pos), start };
}

const simpleEscapes: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

function readEscape(source: string, pos: number, bytes: boolean): { text: string; end: number } {
  const next = source[pos + 1] as string;
  if (next === "\n") return { text: "", end: pos + 2 };
  if (next === "\r") return { text: "", end: source[pos + 2] === "\n" ? pos + 3 : pos + 2 };
  const simple = simpleEscapes[next];
  if (simple !== undefined) return { text: simple, end: pos + 2 };
  const octal = /^[0-7]{1,3}/.exec(source.slice(pos + 1, pos + 4));
  if (octal) {
    const code = Number.parseInt(octal[0], 8);
    if (bytes && code > 0xff) throw new PySyntaxError("octal escape value out of range", pos);
    return { text: String.fromCodePoint(code), end: pos + 1 + octal[0].length };
  }
  const hexDigits = next === "x" ? 2 : !bytes && next === "u" ? 4 : !bytes && next === "U" ? 8 : 0;
  if (hexDigits > 0) {
    const hex = source.slice(pos + 2, pos + 2 + hexDigits);
    if (!new RegExp(`^[0-9a-fA-F]{${hexDigits}}$`).test(hex)) throw new PySyntaxError(`truncated \\${next} escape`, pos);
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) throw new PySyntaxError("illegal Unicode character", pos);
    return { text: String.fromCodePoint(code), end: pos + 2 + hexDigits };
  }
  if (!bytes && next === "N") throw new PyUnsupportedSyntaxError("\\N{...} escapes need the Unicode name database", pos);
  // An unknown escape keeps its backslash (Python only warns).
  return { text: `\\${next}`, end: pos + 2 };
}
