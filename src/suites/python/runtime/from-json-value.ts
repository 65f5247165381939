// Turns already-parsed JSON into Python values, keeping int vs float wherever the input still knows it.
import { parsePyJson } from "../py-json.js";
import { PyDict, PyTuple, type PyValue } from "../py-value.js";

interface LosslessNumberLike {
  isLosslessNumber: true;
  value: string;
}

function isLosslessNumber(value: unknown): value is LosslessNumberLike {
  return typeof value === "object" && value !== null && (value as { isLosslessNumber?: unknown }).isLosslessNumber === true;
}

/** A number spelled in JSON: ints stay ints, anything with a fraction or exponent is a float (Python's json rule). */
function numberFromText(text: string): PyValue {
  return /[.eE]/.test(text) ? Number(text) : BigInt(text);
}

/** What to do with a plain JS number that is integral: JSON.parse reads both `10` and `10.0` as 10. */
export type IntegralNumberPolicy = (value: number) => PyValue;

const integralAsInt: IntegralNumberPolicy = (value) => BigInt(value);

const integralAsFloat: IntegralNumberPolicy = (value) => value;

/**
 * Converts parsed JSON to Python values. Accepted: plain JSON values, lossless-json numbers
 * (spelling kept, so `10.0` stays a float), and Python-style values (bigint ints, number floats,
 * dict-like objects with an `items()` or `entries()` method, tuple-like objects with an `items` array).
 */
export function fromJsonValue(value: unknown, integral: IntegralNumberPolicy = integralAsInt): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isInteger(value) ? integral(value) : value;
  if (isLosslessNumber(value)) return numberFromText(value.value);
  if (Array.isArray(value)) return value.map((item) => fromJsonValue(item, integral));
  if (value instanceof PyDict || value instanceof PyTuple) return value;
  if (typeof value === "object") {
    const dictLike = value as { items?: unknown; entries?: unknown };
    const pairsOf = typeof dictLike.items === "function" ? dictLike.items : typeof dictLike.entries === "function" ? dictLike.entries : undefined;
    // Inside Python-style containers ints are bigints, so every JS number there is a float.
    if (pairsOf) {
      const pairs = (pairsOf as () => Iterable<readonly [unknown, unknown]>).call(value);
      return PyDict.of([...pairs].map(([key, item]) => [fromJsonValue(key, integralAsFloat), fromJsonValue(item, integralAsFloat)] as const));
    }
    if (Array.isArray(dictLike.items)) return new PyTuple((dictLike.items as unknown[]).map((item) => fromJsonValue(item, integralAsFloat)));
    return PyDict.of(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromJsonValue(item, integral)] as const));
  }
  throw new TypeError(`cannot convert a ${typeof value} to a Python value`);
}

/** Raw JSON text is parsed exactly as Python's json would; anything else goes through {@link fromJsonValue}. */
export function fromJsonInput(value: unknown, integral: IntegralNumberPolicy = integralAsInt): PyValue {
  return typeof value === "string" ? parsePyJson(value) : fromJsonValue(value, integral);
}
