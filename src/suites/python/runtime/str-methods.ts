// The str methods the simulated APIs call, with Python's definitions of whitespace and line breaks.
import { attributeError } from "./exceptions.js";
import { pyTypeName, type PyValue } from "../py-value.js";

/** Characters for which Python's str.isspace() is true. */
export const PY_WHITESPACE_CLASS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE_CLASS}]+`, "u");
// Python's line boundaries include the file/group/record separators, which are control characters.
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/u;

/** The receiver as a str, or the AttributeError Python raises when a method is called on another type. */
export function requireStr(value: PyValue, method: string): string {
  if (typeof value !== "string") throw attributeError(pyTypeName(value), method);
  return value;
}

/** `s.splitlines()` without keepends. */
export function splitlines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(LINE_BREAK);
  // A final line break does not start another (empty) line.
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** `s.split()` with no separator: runs of whitespace, no empty strings. */
export function splitWhitespace(text: string): string[] {
  return text.split(WHITESPACE_RUN).filter((part) => part !== "");
}

/** `s.rstrip(chars)`. */
export function rstrip(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] as string)) end -= 1;
  return text.slice(0, end);
}
