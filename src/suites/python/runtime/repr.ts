// Python's repr() and str() for the values the simulated APIs return and store.
import { pyStrRepr } from "../py-repr.js";
import { floatRepr } from "./float-format.js";
import { PyDict, PyInstance, PySet, PyTuple, type PyValue } from "./values.js";

// repr(str) is the same in the checker and the runtime, so there is one implementation; the name stays for callers.
export const strRepr: (text: string) => string = pyStrRepr;

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
