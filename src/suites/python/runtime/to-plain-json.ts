// Renders Python values as plain JSON data for reports: dicts and lists as JSON, anything else as its str().
import { floatRepr } from "./float-format.js";
import { pyStr } from "../py-repr.js";
import { PyDict, PyTuple, type PyValue } from "../py-value.js";

export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

function keyText(key: PyValue): string {
  if (typeof key === "string") return key;
  if (typeof key === "boolean") return key ? "true" : "false";
  if (key === null) return "null";
  if (typeof key === "number") return floatRepr(key);
  return pyStr(key);
}

/**
 * The shape the reference's score files use for instance state: JSON where possible, str()
 * otherwise (a set reads "{67410}", a Directory its repr). Ints beyond 2**53 become strings.
 */
export function toPlainJson(value: PyValue): PlainJson {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "bigint") return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : floatRepr(value);
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value instanceof PyTuple) return value.items.map(toPlainJson);
  if (value instanceof PyDict) {
    const out: { [key: string]: PlainJson } = {};
    for (const [key, item] of value.items()) out[keyText(key)] = toPlainJson(item);
    return out;
  }
  return pyStr(value);
}
