// Parses Python literal syntax (repr of dicts, lists, tuples, strings, numbers, True/False/None) into JSON values.
// Hermes calls, API-Bank tool results and Glaive arguments are written this way; JSON.parse rejects them. A full
// Python parser exists in eval/bfcl/python for call expressions, but literals need only this small, strict subset.
import type { JsonValue } from "../record.js";

export class PythonLiteralError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = "PythonLiteralError";
  }
}

/** Parses one Python literal; the whole text must be consumed (trailing whitespace allowed). */
export function parsePythonLiteral(text: string): JsonValue {
  const parser = new LiteralParser(text);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.done()) throw new PythonLiteralError("unexpected text after the literal", parser.position);
  return value;
}

/** JSON first (the common case), then Python literal syntax; undefined when neither parses. */
export function parseJsonOrPython(text: string): { value: JsonValue; python: boolean } | undefined {
  try {
    return { value: JSON.parse(text) as JsonValue, python: false };
  } catch {
    try {
      return { value: parsePythonLiteral(text), python: true };
    } catch {
      return undefined;
    }
  }
}

const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\u0007", b: "\b", f: "\f", v: "\v" };

class LiteralParser {
  position = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (!this.done() && /\s/.test(this.text[this.position]!)) this.position += 1;
  }

  value(): JsonValue {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === undefined) throw new PythonLiteralError("unexpected end of text", this.position);
    if (char === "{") return this.dict();
    if (char === "[") return this.sequence("]");
    if (char === "(") return this.sequence(")");
    if (char === "'" || char === '"') return this.string();
    if (/[-+0-9.]/.test(char)) return this.number();
    for (const [word, value] of [["True", true], ["False", false], ["None", null], ["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.position) && !/\w/.test(this.text[this.position + word.length] ?? "")) {
        this.position += word.length;
        return value;
      }
    }
    throw new PythonLiteralError(`unexpected character ${JSON.stringify(char)}`, this.position);
  }

  private dict(): JsonValue {
    this.position += 1;
    const result: { [key: string]: JsonValue } = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === "}") {
        this.position += 1;
        return result;
      }
      const key = this.value();
      this.skipSpace();
      if (this.text[this.position] !== ":") throw new PythonLiteralError("expected ':' in a dict", this.position);
      this.position += 1;
      // defineProperty keeps a "__proto__" key as data instead of rewiring the prototype.
      Object.defineProperty(result, typeof key === "string" ? key : JSON.stringify(key), { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      if (this.text[this.position] === ",") this.position += 1;
      else if (this.text[this.position] !== "}") throw new PythonLiteralError("expected ',' or '}' in a dict", this.position);
    }
  }

  private sequence(close: "]" | ")"): JsonValue {
    this.position += 1;
    const result: JsonValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === close) {
        this.position += 1;
        return result;
      }
      result.push(this.value());
      this.skipSpace();
      if (this.text[this.position] === ",") this.position += 1;
      else if (this.text[this.position] !== close) throw new PythonLiteralError(`expected ',' or '${close}'`, this.position);
    }
  }

  private string(): string {
    const quote = this.text[this.position]!;
    const triple = this.text.startsWith(quote.repeat(3), this.position);
    const closing = triple ? quote.repeat(3) : quote;
    this.position += closing.length;
    let result = "";
    for (;;) {
      if (this.done()) throw new PythonLiteralError("unterminated string", this.position);
      if (this.text.startsWith(closing, this.position)) {
        this.position += closing.length;
        return result;
      }
      const char = this.text[this.position]!;
      if (char === "\\") {
        const next = this.text[this.position + 1] ?? "";
        if (next === "u" || next === "x") {
          const width = next === "u" ? 4 : 2;
          const hex = this.text.slice(this.position + 2, this.position + 2 + width);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) throw new PythonLiteralError("bad escape", this.position);
          result += String.fromCharCode(parseInt(hex, 16));
          this.position += 2 + width;
        } else {
          result += escapes[next] ?? `\\${next}`;
          this.position += 2;
        }
        continue;
      }
      if (char === "\n" && !triple) throw new PythonLiteralError("newline in a string", this.position);
      result += char;
      this.position += 1;
    }
  }

  private number(): number {
    const match = /^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?/.exec(this.text.slice(this.position));
    const token = match?.[0] ?? "";
    if (token === "" || token === "-" || token === "+" || token === ".") throw new PythonLiteralError("bad number", this.position);
    this.position += token.length;
    return Number(token.replace(/_/g, ""));
  }
}
