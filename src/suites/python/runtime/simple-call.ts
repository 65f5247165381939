// A fast reading of the calls the multi-turn runtime sees most: `name(a=1, b='x', c=[2.5, True])`, without the tokenizer
// and the 15-level expression grammar. It yields exactly the nodes ../parser.ts yields, or nothing (the full parser then
// reads the text, and reports whatever is wrong with it); simple-call.test.ts holds the two to each other.

import type { Keyword, PyNode } from "../python-ast.js";

/** Python's hard keywords: never a name, so a text using one as a name is left to the full parser (SyntaxError). */
const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
  "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
  "while", "with", "yield",
]);

/** What the reader accepts: a dotted callee, then arguments that are literals, names, negated numbers and flat lists. */
class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  spaces(): void {
    while (this.text.charCodeAt(this.at) === 0x20) this.at++;
  }

  /** An ASCII identifier that is not a keyword (True/False/None included), or undefined. */
  identifier(): string | undefined {
    const start = this.at;
    const first = this.text.charCodeAt(start);
    if (!(isLetter(first) || first === 0x5f)) return undefined;
    let end = start + 1;
    for (let code = this.text.charCodeAt(end); isLetter(code) || isDigit(code) || code === 0x5f; code = this.text.charCodeAt(++end));
    const name = this.text.slice(start, end);
    if (KEYWORDS.has(name)) return undefined;
    this.at = end;
    return name;
  }

  /** `[-]number`, a string without escapes, True/False/None, a name, or a flat list of those; undefined otherwise. */
  value(inList = false): PyNode | undefined {
    const code = this.text.charCodeAt(this.at);
    if (code === 0x27 || code === 0x22) return this.string(code);
    if (isDigit(code)) return this.number();
    if (code === 0x2d) {
      this.at++;
      if (!isDigit(this.text.charCodeAt(this.at))) return undefined;
      const operand = this.number();
      return operand && { type: "UnaryOp", op: "-", operand };
    }
    if (code === 0x5b && !inList) return this.list();
    for (const [word, value] of CONSTANT_WORDS) {
      if (this.text.startsWith(word, this.at) && !isNameCode(this.text.charCodeAt(this.at + word.length))) {
        this.at += word.length;
        return { type: "Constant", value };
      }
    }
    const name = this.identifier();
    return name === undefined ? undefined : { type: "Name", id: name };
  }

  private string(quote: number): PyNode | undefined {
    const start = this.at + 1;
    let end = start;
    for (let code = this.text.charCodeAt(end); code !== quote; code = this.text.charCodeAt(++end)) {
      // Escapes, control characters (line breaks, NUL), lone surrogates and the end of the text are the full parser's to read.
      if (code === 0x5c || code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || Number.isNaN(code)) return undefined;
    }
    this.at = end + 1;
    // An adjacent literal would be concatenated (`'a' 'b'`), and a letter after the quote is a syntax error.
    const after = this.text.charCodeAt(this.at);
    if (after === 0x27 || after === 0x22 || isNameCode(after)) return undefined;
    return { type: "Constant", value: this.text.slice(start, end) };
  }

  /** `0`, `[1-9][0-9]*` (an int) or either followed by `.digits` (a float); anything else (exponents, `_`, `0x`, `01`) declines. */
  private number(): PyNode | undefined {
    const start = this.at;
    let end = start + 1;
    if (this.text.charCodeAt(start) !== 0x30) while (isDigit(this.text.charCodeAt(end))) end++;
    let float = false;
    if (this.text.charCodeAt(end) === 0x2e && isDigit(this.text.charCodeAt(end + 1))) {
      float = true;
      end += 2;
      while (isDigit(this.text.charCodeAt(end))) end++;
    }
    const after = this.text.charCodeAt(end);
    if (isNameCode(after) || after === 0x2e) return undefined;
    this.at = end;
    const literal = this.text.slice(start, end);
    return { type: "Constant", value: float ? Number(literal) : BigInt(literal) };
  }

  private list(): PyNode | undefined {
    this.at++;
    const elts: PyNode[] = [];
    this.spaces();
    while (this.text.charCodeAt(this.at) !== 0x5d) {
      const item = this.value(true);
      if (item === undefined) return undefined;
      elts.push(item);
      this.spaces();
      if (this.text.charCodeAt(this.at) === 0x2c) {
        this.at++;
        this.spaces();
      } else if (this.text.charCodeAt(this.at) !== 0x5d) return undefined;
    }
    this.at++;
    return { type: "List", elts };
  }
}

const CONSTANT_WORDS: ReadonlyArray<readonly [string, boolean | null]> = [
  ["True", true],
  ["False", false],
  ["None", null],
];

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isNameCode(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 0x5f || code > 0x7f;
}

/**
 * The call `text` as ../parser.ts reads it, when it is one of the simple shapes: `a.b.c(args)` with ASCII names, spaces
 * only between tokens, positional arguments before keyword ones, no keyword twice, and argument values that are literals
 * (ints without leading zeros, plain decimals, strings without escapes), names, negated numbers or flat lists of those.
 * Undefined for anything else, which the full parser then reads (and refuses with the reference's SyntaxError).
 */
export function parseSimpleCall(text: string): PyNode | undefined {
  const reader = new Reader(text);
  reader.spaces();
  const first = reader.identifier();
  if (first === undefined) return undefined;
  let func: PyNode = { type: "Name", id: first };
  while (text.charCodeAt(reader.at) === 0x2e) {
    reader.at++;
    const attr = reader.identifier();
    if (attr === undefined) return undefined;
    func = { type: "Attribute", value: func, attr };
  }
  reader.spaces();
  if (text.charCodeAt(reader.at) !== 0x28) return undefined;
  reader.at++;
  reader.spaces();
  const args: PyNode[] = [];
  const keywords: Keyword[] = [];
  const seen = new Set<string>();
  while (text.charCodeAt(reader.at) !== 0x29) {
    const start = reader.at;
    const name = reader.identifier();
    reader.spaces();
    // `name=` (not `name==`) starts a keyword argument; anything else is a positional value read from the start.
    if (name !== undefined && text.charCodeAt(reader.at) === 0x3d && text.charCodeAt(reader.at + 1) !== 0x3d) {
      if (seen.has(name)) return undefined;
      seen.add(name);
      reader.at++;
      reader.spaces();
      const value = reader.value();
      if (value === undefined) return undefined;
      keywords.push({ arg: name, value });
    } else {
      // A positional argument after a keyword one is a SyntaxError.
      if (keywords.length > 0) return undefined;
      reader.at = start;
      const value = reader.value();
      if (value === undefined) return undefined;
      args.push(value);
    }
    reader.spaces();
    if (text.charCodeAt(reader.at) === 0x2c) {
      reader.at++;
      reader.spaces();
    } else if (text.charCodeAt(reader.at) !== 0x29) return undefined;
  }
  reader.at++;
  reader.spaces();
  return reader.at === text.length ? { type: "Call", func, args, keywords } : undefined;
}
