// Decodes function-calling (FC) results, a list of `{name: "<JSON arguments>"}`, as BFCL's FC handlers do.
import { parsePyJson } from "../../../python/py-json.js";
import { pyRepr, pyStr } from "../../../python/py-repr.js";
import type { PyValue } from "../../../python/py-value.js";
import { PyDict, PyTuple, pyTypeName } from "../../../python/py-value.js";
import { DecodeError } from "./decode-error.js";

/** decode_ast: the first key of each item is the function, its value a JSON string of the arguments. */
export function decodeAstFc(result: PyValue): PyDict[] {
  return iterate(result).map((item) => {
    if (!(item instanceof PyDict)) throw new DecodeError(`'${pyTypeName(item)}' object has no attribute 'keys'`);
    const name = item.keys()[0];
    if (name === undefined) throw new DecodeError("list index out of range");
    const raw = item.get(name) as PyValue;
    if (typeof raw !== "string") throw new DecodeError(`the JSON object must be str, bytes or bytearray, not ${pyTypeName(raw)}`);
    return PyDict.of([[name, parsePyJson(raw)]]);
  });
}

/** decode_execute (convert_to_function_call): every key of every item becomes `name(k=repr(v),…)`. */
export function decodeExecuteFc(result: PyValue): string[] {
  const calls: string[] = [];
  for (const item of result instanceof PyDict ? [result] : iterate(result)) {
    if (!(item instanceof PyDict)) throw new DecodeError(`'${pyTypeName(item)}' object has no attribute 'items'`);
    for (const [name, raw] of item.entries()) {
      const args = typeof raw === "string" ? parsePyJson(raw) : raw;
      if (!(args instanceof PyDict)) throw new DecodeError(`'${pyTypeName(args)}' object has no attribute 'items'`);
      calls.push(`${pyStr(name)}(${args.entries().map(([k, v]) => `${pyStr(k)}=${pyRepr(v)}`).join(",")})`);
    }
  }
  return calls;
}

/** Python's `for x in value`: strings yield characters and dicts their keys; other scalars are not iterable. */
function iterate(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (value instanceof PyTuple) return [...value.items];
  if (typeof value === "string") return [...value];
  if (value instanceof PyDict) return value.keys();
  throw new DecodeError(`'${pyTypeName(value)}' object is not iterable`);
}
