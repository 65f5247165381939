// Python's repr() and str(), once for the BFCL checker (execution strings, agentic answers) and the multi-turn runtime.
import type { PyValue } from "./py-value.js";
import { PyDict, PyInstance, PySet, PyTuple } from "./py-value.js";

export function pyRepr(value: PyValue): string {
  if (value === null) return "None";
  switch (typeof value) {
    case "boolean":
      return value ? "True" : "False";
    case "bigint":
      return value.toString();
    case "number":
      return pyFloatRepr(value);
    case "string":
      return pyStrRepr(value);
  }
  if (Array.isArray(value)) return reprItems(value, "[", "]");
  if (value instanceof PyTuple) {
    if (value.items.length === 1) return `(${pyRepr(value.items[0] as PyValue)},)`;
    return reprItems(value.items, "(", ")");
  }
  if (value instanceof PyDict) {
    let out = "{";
    let first = true;
    value.forEach((item, key) => {
      out += first ? `${pyRepr(key)}: ${pyRepr(item)}` : `, ${pyRepr(key)}: ${pyRepr(item)}`;
      first = false;
    });
    return `${out}}`;
  }
  if (value instanceof PySet) return value.size === 0 ? "set()" : `{${value.values().map(pyRepr).join(", ")}}`;
  return value.repr();
}

function reprItems(items: readonly PyValue[], open: string, close: string): string {
  if (items.length === 0) return open + close;
  let out = open + pyRepr(items[0] as PyValue);
  for (let index = 1; index < items.length; index += 1) out += `, ${pyRepr(items[index] as PyValue)}`;
  return out + close;
}

/** Python's str(): a string is itself, everything else its repr. */
export function pyStr(value: PyValue): string {
  if (typeof value === "string") return value;
  if (value instanceof PyInstance) return value.str();
  return pyRepr(value);
}

/** repr() of floats already printed, by value (zeros, whose sign a Map key loses, and NaN never enter it). */
const floatReprs = new Map<number, string>();
const floatReprCacheSize = 1 << 16;

/** repr(float): the shortest round-tripping digits, exponent form below 1e-4 and from 1e16, always a `.0` or exponent. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  // Simulated states print the same floats again and again (prices, readings); finding the digits is the slow part.
  let text = floatReprs.get(value);
  if (text === undefined) {
    if (floatReprs.size >= floatReprCacheSize) floatReprs.clear();
    text = floatRepr(value);
    floatReprs.set(value, text);
  }
  return text;
}

function floatRepr(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // Both languages print the shortest round-tripping digits, and JS writes this whole range without an exponent.
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  const { sign, digits, exponent } = shortestDigits(value);
  if (exponent >= -4 && exponent < 16) {
    let text: string;
    if (exponent < 0) text = `0.${"0".repeat(-exponent - 1)}${digits}`;
    else if (digits.length <= exponent + 1) text = `${digits}${"0".repeat(exponent + 1 - digits.length)}.0`;
    else text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    return sign + text;
  }
  const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const expSign = exponent < 0 ? "-" : "+";
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** Like repr(float) but without forcing `.0`, as complex parts are printed (the multi-turn runtime's complex uses it too). */
export function pyFloatPartRepr(value: number): string {
  const text = pyFloatRepr(value);
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}

function shortestDigits(value: number): { sign: string; digits: string; exponent: number } {
  // toExponential() without an argument prints exactly as many digits as needed to round-trip.
  const text = Math.abs(value).toExponential();
  const [mantissa = "", exp = "0"] = text.split("e");
  return { sign: value < 0 ? "-" : "", digits: mantissa.replace(".", ""), exponent: Number(exp) };
}

const notPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** A character repr() does not print as is inside single quotes: a quote, a backslash, anything outside printable ASCII. */
const reprSpecial = /[^\x20-\x26\x28-\x5b\x5d-\x7e]/;

/** repr(str): single quotes unless the text has a `'` and no `"`, escapes for what Python does not print. */
export function pyStrRepr(text: string): string {
  // Printable ASCII without a quote or backslash is printed as is, in single quotes.
  if (!reprSpecial.test(text)) return `'${text}'`;
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\t") out += "\\t";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f || char === " ") out += char;
    else if (!notPrintable.test(char)) out += char;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + quote;
}

const hex = (code: number, width: number): string => code.toString(16).padStart(width, "0");
