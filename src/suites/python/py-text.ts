// Python's text primitives BFCL relies on: str.strip, int()/float() of a string, and its regex classes.

/** Python's `\s` and str.isspace() set (JS's `\s` differs: it has U+FEFF and lacks U+001C–U+001F and U+0085). */
export const PY_SPACE_CLASS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
/** Python's `\w` for str patterns: letters, numbers and underscore. */
export const PY_WORD_CLASS = "\\p{L}\\p{N}_";
/** Python's `\d` for str patterns: any Unicode decimal digit. */
export const PY_DIGIT_CLASS = "\\p{Nd}";

const spaceChar = new RegExp(`^[${PY_SPACE_CLASS}]$`, "u");
const wordChar = new RegExp(`^[${PY_WORD_CLASS}]$`, "u");

const isPySpace = (char: string): boolean => spaceChar.test(char);
const isPyWordChar = (char: string): boolean => wordChar.test(char);

/** str.strip(chars): without chars, Python whitespace. */
export function pyStrip(text: string, chars?: string): string {
  const strip = chars === undefined ? isPySpace : (char: string) => chars.includes(char);
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start] as string)) start++;
  while (end > start && strip(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

export function pyRstrip(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

const digitChar = new RegExp(`[${PY_DIGIT_CLASS}]`, "u");
const nonAsciiDigits = new RegExp(`[${PY_DIGIT_CLASS}]`, "gu");

/** Unicode decimal digits come in runs of ten that start at zero, so a digit's value is its offset in its run. */
function asciiDigit(char: string): string {
  const code = char.codePointAt(0) as number;
  let start = code;
  while (start > 0 && digitChar.test(String.fromCodePoint(start - 1))) start--;
  return String((code - start) % 10);
}

const toAsciiDigits = (text: string): string => text.replace(nonAsciiDigits, (char) => (char >= "0" && char <= "9" ? char : asciiDigit(char)));

const intLiteral = /^[+-]?[0-9](?:_?[0-9])*$/;

/** Python's int(text) in base 10, or undefined where Python raises ValueError. */
export function pyIntFromString(text: string): bigint | undefined {
  const stripped = toAsciiDigits(pyStrip(text));
  if (!intLiteral.test(stripped)) return undefined;
  return BigInt(stripped.replaceAll("_", ""));
}

const floatLiteral = /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const specialFloat = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's float(text), or undefined where Python raises ValueError. */
export function pyFloatFromString(text: string): number | undefined {
  const stripped = toAsciiDigits(pyStrip(text));
  const special = specialFloat.exec(stripped);
  if (special) {
    if ((special[2] as string).toLowerCase() === "nan") return Number.NaN;
    return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!floatLiteral.test(stripped)) return undefined;
  return Number(stripped.replaceAll("_", ""));
}

/**
 * Python `re.search(rf"\b{re.escape(needle)}\b", haystack)`: a literal occurrence with a word boundary (Unicode
 * `\w`) at both ends. JS's `\b` only knows ASCII word characters, so the boundaries are checked by hand.
 */
export function containsOnWordBoundaries(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (isBoundary(haystack, at) && isBoundary(haystack, at + needle.length)) return true;
    if (at >= haystack.length) break;
  }
  return false;
}

function isBoundary(text: string, index: number): boolean {
  return isWordAt(text, index - 1, "before") !== isWordAt(text, index, "after");
}

function isWordAt(text: string, index: number, side: "before" | "after"): boolean {
  if (index < 0 || index >= text.length) return false;
  // Python indexes code points; step over a surrogate pair as one character.
  let char: string;
  if (side === "before") {
    const low = text.charCodeAt(index);
    const high = index > 0 ? text.charCodeAt(index - 1) : 0;
    const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
    char = pair ? String.fromCodePoint(text.codePointAt(index - 1) as number) : (text[index] as string);
  } else {
    char = String.fromCodePoint(text.codePointAt(index) as number);
  }
  return isPyWordChar(char);
}
