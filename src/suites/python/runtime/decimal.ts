// What MathAPI.square_root gets from the decimal module: getcontext().prec, Decimal(number) and an exactly rounded sqrt().
import { fromDouble } from "./binary-float.js";
import { PyException } from "./exceptions.js";
import { PyInstance, pyTypeName, type PyValue } from "../py-value.js";

/** The largest precision CPython's decimal accepts on 64-bit builds. */
const MAX_PREC = 999999999999999999n;

type DecimalValue =
  | { kind: "finite"; negative: boolean; coefficient: bigint; exponent: number }
  | { kind: "infinity"; negative: boolean }
  | { kind: "nan" };

/** A decimal.Decimal result; prints as Decimal('…') with the module's scientific-string rules. */
export class PyDecimal extends PyInstance {
  readonly pyTypeName = "Decimal";
  constructor(readonly value: DecimalValue) {
    super();
  }
  repr(): string {
    return `Decimal('${this.str()}')`;
  }
  override str(): string {
    const value = this.value;
    if (value.kind === "nan") return "NaN";
    if (value.kind === "infinity") return value.negative ? "-Infinity" : "Infinity";
    const sign = value.negative ? "-" : "";
    const digits = value.coefficient.toString();
    const leftDigits = value.exponent + digits.length;
    const dotPlace = value.exponent <= 0 && leftDigits > -6 ? leftDigits : 1;
    let integerPart: string;
    let fractionPart: string;
    if (dotPlace <= 0) {
      integerPart = "0";
      fractionPart = `.${"0".repeat(-dotPlace)}${digits}`;
    } else if (dotPlace >= digits.length) {
      integerPart = digits + "0".repeat(dotPlace - digits.length);
      fractionPart = "";
    } else {
      integerPart = digits.slice(0, dotPlace);
      fractionPart = `.${digits.slice(dotPlace)}`;
    }
    const exponent = leftDigits === dotPlace ? "" : `E${leftDigits - dotPlace >= 0 ? "+" : ""}${leftDigits - dotPlace}`;
    return sign + integerPart + fractionPart + exponent;
  }
  equals(other: PyValue): boolean {
    return other instanceof PyDecimal && other.str() === this.str();
  }
}

/** `getcontext().prec = precision`: the accepted precision, or the error CPython raises. */
export function decimalPrecision(precision: PyValue): number {
  if (typeof precision !== "bigint" && typeof precision !== "boolean") {
    throw new PyException("TypeError", "an integer is required");
  }
  const value = typeof precision === "boolean" ? (precision ? 1n : 0n) : precision;
  if (value > 2n ** 63n - 1n || value < -(2n ** 63n)) {
    throw new PyException("OverflowError", "Python int too large to convert to C ssize_t");
  }
  if (value < 1n || value > MAX_PREC) throw new PyException("ValueError", "valid range for prec is [1, MAX_PREC]");
  return Number(value);
}

/** `Decimal(number)` for an int, bool or float (exact). */
export function toDecimal(number: PyValue): DecimalValue {
  if (typeof number === "bigint" || typeof number === "boolean") {
    const n = typeof number === "boolean" ? (number ? 1n : 0n) : number;
    return { kind: "finite", negative: n < 0n, coefficient: n < 0n ? -n : n, exponent: 0 };
  }
  if (typeof number === "number") {
    if (Number.isNaN(number)) return { kind: "nan" };
    if (!Number.isFinite(number)) return { kind: "infinity", negative: number < 0 };
    const raw = fromDouble(number);
    const negative = number < 0 || Object.is(number, -0);
    if (raw.kind !== "finite") return { kind: "finite", negative, coefficient: 0n, exponent: 0 };
    if (raw.exp >= 0) return { kind: "finite", negative, coefficient: raw.man << BigInt(raw.exp), exponent: 0 };
    return { kind: "finite", negative, coefficient: raw.man * 5n ** BigInt(-raw.exp), exponent: raw.exp };
  }
  throw new PyException("TypeError", `conversion from ${pyTypeName(number)} to Decimal is not supported`);
}

function roundHalfEvenToDigits(coefficient: bigint, exponent: number, precision: number): { coefficient: bigint; exponent: number } {
  const length = coefficient.toString().length;
  if (length <= precision) return { coefficient, exponent };
  const drop = BigInt(length - precision);
  const divisor = 10n ** drop;
  let kept = coefficient / divisor;
  const remainder = coefficient % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && kept % 2n === 1n)) kept += 1n;
  let newExponent = exponent + Number(drop);
  // Rounding up may carry into a new digit (999 -> 1000): keep `precision` digits.
  if (kept.toString().length > precision) {
    kept /= 10n;
    newExponent += 1;
  }
  return { coefficient: kept, exponent: newExponent };
}

/** Decimal.sqrt() under a context of `precision` digits, ROUND_HALF_EVEN (CPython's algorithm, ideal exponent kept). */
export function decimalSqrt(value: DecimalValue, precision: number): PyDecimal {
  if (value.kind === "nan") return new PyDecimal(value);
  if (value.kind === "infinity") {
    if (!value.negative) return new PyDecimal(value);
    throw new PyException("InvalidOperation", "[<class 'decimal.InvalidOperation'>]");
  }
  if (value.coefficient === 0n) {
    return new PyDecimal({ kind: "finite", negative: value.negative, coefficient: 0n, exponent: Math.floor(value.exponent / 2) });
  }
  if (value.negative) throw new PyException("InvalidOperation", "[<class 'decimal.InvalidOperation'>]");
  const prec = precision + 1;
  const digitCount = value.coefficient.toString().length;
  let e = Math.floor(value.exponent / 2);
  let c: bigint;
  let l: number;
  if (value.exponent % 2 !== 0) {
    c = value.coefficient * 10n;
    l = (digitCount >> 1) + 1;
  } else {
    c = value.coefficient;
    l = (digitCount + 1) >> 1;
  }
  const shift = prec - l;
  let exact: boolean;
  if (shift >= 0) {
    c *= 100n ** BigInt(shift);
    exact = true;
  } else {
    const divisor = 100n ** BigInt(-shift);
    exact = c % divisor === 0n;
    c /= divisor;
  }
  e -= shift;
  let n = 10n ** BigInt(prec);
  for (;;) {
    const q = c / n;
    if (n <= q) break;
    n = (n + q) >> 1n;
  }
  exact = exact && n * n === c;
  if (exact) {
    if (shift >= 0) n /= 10n ** BigInt(shift);
    else n *= 10n ** BigInt(-shift);
    e += shift;
  } else if (n % 5n === 0n) {
    n += 1n;
  }
  const rounded = roundHalfEvenToDigits(n, e, precision);
  return new PyDecimal({ kind: "finite", negative: false, coefficient: rounded.coefficient, exponent: rounded.exponent });
}
