// Python's repr() and str() for the values the simulated APIs return and store.
import { floatRepr } from "./float-format.js";
import { PyDict, PyInstance, PySet, PyTuple, type PyValue } from "./values.js";

const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** `repr(s)` for a str: single quotes unless only double quotes avoid escaping, Python's escapes. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\t") out += "\\t";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f) out += char;
    else if (!NON_PRINTABLE.test(char)) out += char;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + quote;
}

export function pyRepr(value: PyValue): string {
  if (value === null) return "None";
  switch (typeof value) {
    case "boolean":
      return value ? "True" : "False";
    case "bigint":
      return value.toString();
    case "number":
      return floatRepr(value);
    case "string":
      return strRepr(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (value instanceof PyTuple) {
    if (value.items.length === 1) return `(${pyRepr(value.items[0] as PyValue)},)`;
    return `(${value.items.map(pyRepr).join(", ")})`;
  }
  if (value instanceof PyDict) return `{${value.items().map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`).join(", ")}}`;
  if (value instanceof PySet) return value.size === 0 ? "set()" : `{${value.values().map(pyRepr).join(", ")}}`;
  return value.repr();
}

/** `str(value)`: the text itself for a str, the repr for everything else the APIs produce. */
export function pyStr(value: PyValue): string {
  if (typeof value === "string") return value;
  if (value instanceof PyInstance) return value.str();
  return pyRepr(value);
}
