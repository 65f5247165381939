// Python's bytes, as a `b'…'` literal in a model's call text decodes to.
import { PyInstance, type PyValue } from "./py-value.js";

/** `value` holds one char per byte (0–255). */
export class PyBytes extends PyInstance {
  readonly pyTypeName = "bytes";
  constructor(readonly value: string) {
    super();
  }

  /** b'…': single quotes unless the bytes hold a `'` and no `"`, printable ASCII as is, the rest escaped. */
  repr(): string {
    const text = this.value;
    const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
    let out = `b${quote}`;
    for (let i = 0; i < text.length; i++) {
      const char = text[i] as string;
      const code = char.charCodeAt(0);
      if (char === quote || char === "\\") out += `\\${char}`;
      else if (char === "\t") out += "\\t";
      else if (char === "\n") out += "\\n";
      else if (char === "\r") out += "\\r";
      else if (code < 0x20 || code >= 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
      else out += char;
    }
    return out + quote;
  }

  equals(other: PyValue): boolean {
    return other instanceof PyBytes && other.value === this.value;
  }

  override hashKey(): string {
    return this.value;
  }

  override truthy(): boolean {
    return this.value.length > 0;
  }
}
