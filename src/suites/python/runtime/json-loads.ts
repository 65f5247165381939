// Python's json.loads: ints stay ints and floats stay floats, NaN/Infinity are accepted, a repeated key keeps its last value.
import { PyDict, type PyValue } from "./values.js";

/** Thrown when the text is not JSON Python would accept (json.JSONDecodeError). */
export class JsonDecodeError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message}: char ${position}`);
    this.name = "JsonDecodeError";
  }
}

class Reader {
  index = 0;
  // Sticky, so it belongs to this reader rather than the module.
  private readonly number = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
  constructor(readonly text: string) {}

  skipWhitespace(): void {
    while (this.index < this.text.length && " \t\n\r".includes(this.text[this.index] as string)) this.index += 1;
  }

  fail(message: string): never {
    throw new JsonDecodeError(message, this.index);
  }

  value(): PyValue {
    this.skipWhitespace();
    const char = this.text[this.index];
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    for (const [literal, value] of [
      ["null", null],
      ["true", true],
      ["false", false],
      ["NaN", Number.NaN],
      ["Infinity", Infinity],
      ["-Infinity", -Infinity],
    ] as const) {
      if (this.text.startsWith(literal, this.index)) {
        this.index += literal.length;
        return value;
      }
    }
    this.number.lastIndex = this.index;
    const match = this.number.exec(this.text);
    if (!match) this.fail("Expecting value");
    this.index += match[0].length;
    if (match[1] !== undefined || match[2] !== undefined) return Number(match[0]);
    return BigInt(match[0]);
  }

  object(): PyDict {
    const dict = new PyDict();
    this.index += 1;
    this.skipWhitespace();
    if (this.text[this.index] === "}") {
      this.index += 1;
      return dict;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] !== '"') this.fail("Expecting property name enclosed in double quotes");
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.index] !== ":") this.fail("Expecting ':' delimiter");
      this.index += 1;
      dict.set(key, this.value());
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index += 1;
      if (next === "}") return dict;
      if (next !== ",") this.fail("Expecting ',' delimiter");
    }
  }

  array(): PyValue[] {
    const items: PyValue[] = [];
    this.index += 1;
    this.skipWhitespace();
    if (this.text[this.index] === "]") {
      this.index += 1;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index += 1;
      if (next === "]") return items;
      if (next !== ",") this.fail("Expecting ',' delimiter");
    }
  }

  string(): string {
    this.index += 1;
    let out = "";
    for (;;) {
      if (this.index >= this.text.length) this.fail("Unterminated string starting at");
      const char = this.text[this.index] as string;
      this.index += 1;
      if (char === '"') return out;
      if (char === "\\") {
        const escape = this.text[this.index];
        this.index += 1;
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (escape !== undefined && escape in simple) out += simple[escape];
        else if (escape === "u") {
          const digits = this.text.slice(this.index, this.index + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail("Invalid \\uXXXX escape");
          out += String.fromCharCode(parseInt(digits, 16));
          this.index += 4;
        } else this.fail("Invalid \\escape");
      } else if (char.charCodeAt(0) < 0x20) {
        this.fail("Invalid control character at");
      } else out += char;
    }
  }
}

export function jsonLoads(text: string): PyValue {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipWhitespace();
  if (reader.index !== text.length) reader.fail("Extra data");
  return value;
}
