// Words as Lucene's StandardTokenizer finds them: Unicode word boundaries (UAX #29), keeping only words that hold a
// letter or a digit. ASCII text takes a hand-written scanner of the same rules (the common case, and several times faster
// than Intl.Segmenter); anything else goes through Intl.Segmenter, which implements UAX #29 itself.

/** Lucene's default maximum token length; a longer run of word characters is cut into pieces of this length. */
export const maxTokenLength = 255;

const other = 0;
const letter = 1;
const digit = 2;
/** `_`: joins anything (WB13a/b). */
const extendNumLet = 3;
/** `:` joins two letters only (WB6/7). */
const midLetter = 4;
/** `.` and `'` join two letters or two digits (WB6/7, WB11/12). */
const midNumLet = 5;
/** `,` and `;` join two digits only (WB11/12). */
const midNum = 6;

const asciiClass = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  asciiClass[code] = /[A-Za-z]/.test(char)
    ? letter
    : /[0-9]/.test(char)
      ? digit
      : char === "_"
        ? extendNumLet
        : char === ":"
          ? midLetter
          : char === "." || char === "'"
            ? midNumLet
            : char === "," || char === ";"
              ? midNum
              : other;
}

// Printable ASCII and ordinary whitespace; other control characters are rare enough to take the general path too.
const nonAscii = /[^\t\n\r -~]/;
const hasWordCharacter = /[\p{L}\p{N}]/u;
let segmenter: Intl.Segmenter | undefined;

/** The words of `text`, in order, as StandardTokenizer would emit them (before any filter). */
export function breakWords(text: string): string[] {
  const words = nonAscii.test(text) ? segmentWords(text) : scanAsciiWords(text);
  return words.some((word) => word.length > maxTokenLength) ? words.flatMap(cutLongWord) : words;
}

function segmentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter("en", { granularity: "word" });
  const words: string[] = [];
  for (const part of segmenter.segment(text)) {
    if (part.isWordLike && hasWordCharacter.test(part.segment)) words.push(part.segment);
  }
  return words;
}

function scanAsciiWords(text: string): string[] {
  const words: string[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    const kind = asciiClass[text.charCodeAt(at)]!;
    if (kind !== letter && kind !== digit && kind !== extendNumLet) {
      at++;
      continue;
    }
    const start = at;
    let hasWord = kind !== extendNumLet;
    let last = kind;
    at++;
    while (at < length) {
      const next = asciiClass[text.charCodeAt(at)]!;
      if (next === letter || next === digit || next === extendNumLet) {
        hasWord ||= next !== extendNumLet;
        last = next;
        at++;
        continue;
      }
      // A middle character joins only when the characters on both sides allow it.
      const after = at + 1 < length ? asciiClass[text.charCodeAt(at + 1)]! : other;
      const joins =
        (next === midLetter && last === letter && after === letter) ||
        (next === midNumLet && ((last === letter && after === letter) || (last === digit && after === digit))) ||
        (next === midNum && last === digit && after === digit);
      if (!joins) break;
      last = after;
      at += 2;
    }
    if (hasWord) words.push(text.slice(start, at));
  }
  return words;
}

function cutLongWord(word: string): string[] {
  if (word.length <= maxTokenLength) return [word];
  const pieces: string[] = [];
  for (let at = 0; at < word.length; at += maxTokenLength) pieces.push(word.slice(at, at + maxTokenLength));
  return pieces;
}
