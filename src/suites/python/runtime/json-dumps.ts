// Python's json.dumps with its defaults: ", " and ": " separators, ASCII-only output, NaN allowed, TypeError on other objects.
import { PyException } from "./exceptions.js";
import { pyJsonFloat } from "../py-json.js";
import { PyDict, PyTuple, pyTypeName, type PyValue } from "./values.js";

function escapeJsonString(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const char = text[index] as string;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char === "\b") out += "\\b";
    else if (char === "\f") out += "\\f";
    // Everything outside space..tilde, as ensure_ascii escapes it; UTF-16 units are exactly the surrogate pairs Python writes.
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

// Floats print as in the checker's json.dumps; strings differ (this one escapes to ASCII as Python's default does, the
// checker's uses JSON.stringify) and so do keys (this one raises TypeError for non-scalar keys), so only floats are shared.
const floatJson = pyJsonFloat;

function keyJson(key: PyValue): string {
  if (typeof key === "string") return escapeJsonString(key);
  if (typeof key === "bigint") return escapeJsonString(key.toString());
  if (typeof key === "number") return escapeJsonString(floatJson(key));
  if (typeof key === "boolean") return key ? '"true"' : '"false"';
  if (key === null) return '"null"';
  throw new PyException("TypeError", `keys must be str, int, float, bool or None, not ${pyTypeName(key)}`);
}

export function jsonDumps(value: PyValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      return floatJson(value);
    case "string":
      return escapeJsonString(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(jsonDumps).join(", ")}]`;
  if (value instanceof PyTuple) return `[${value.items.map(jsonDumps).join(", ")}]`;
  if (value instanceof PyDict) {
    return `{${value.items().map(([key, item]) => `${keyJson(key)}: ${jsonDumps(item)}`).join(", ")}}`;
  }
  throw new PyException("TypeError", `Object of type ${pyTypeName(value)} is not JSON serializable`);
}
