// Python's float text and rounding: repr (shortest round-trip), format(x, '.Nf') and round(x, n), all on the exact binary value.

// repr(float) is the same in the checker and the runtime, so there is one implementation; the name stays for callers.
export { pyFloatRepr as floatRepr } from "../py-repr.js";

/** A finite double as an exact decimal: `x === sign * digits / 10**scale`. */
export interface ExactDecimal {
  negative: boolean;
  digits: bigint;
  scale: number;
}

export function exactDecimal(x: number): ExactDecimal {
  if (!Number.isFinite(x)) throw new RangeError(`${x} has no exact decimal form`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const negative = high >>> 31 === 1;
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  if (exponent >= 0) return { negative, digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k == m * 5^k / 10^k
  const k = -exponent;
  return { negative, digits: mantissa * 5n ** BigInt(k), scale: k };
}

/** Rounds `numerator / 10**shift` to an integer, ties to even. */
function divideRoundHalfEven(numerator: bigint, shift: number): bigint {
  if (shift <= 0) return numerator * 10n ** BigInt(-shift);
  const divisor = 10n ** BigInt(shift);
  const quotient = numerator / divisor;
  const remainder = numerator % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/** `format(x, '.Nf')` / `f"{x:.Nf}"`: correctly rounded, ties to even on the exact value. */
export function formatFixed(x: number, places: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const exact = exactDecimal(x);
  const rounded = divideRoundHalfEven(exact.digits, exact.scale - places);
  let text = rounded.toString();
  if (places > 0) {
    text = text.padStart(places + 1, "0");
    text = `${text.slice(0, -places)}.${text.slice(-places)}`;
  }
  return exact.negative ? `-${text}` : text;
}

/** `round(x, ndigits)` for a float: the double nearest the exactly rounded decimal (ties to even). */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const exact = exactDecimal(x);
  if (ndigits >= exact.scale) return x;
  // Past the largest double nothing is left to round; past the smallest everything rounds to zero.
  if (ndigits < -330) return exact.negative ? -0 : 0;
  const rounded = divideRoundHalfEven(exact.digits, exact.scale - ndigits);
  const value = Number(`${rounded}e${-ndigits}`);
  return exact.negative ? -value : value;
}

/** `round(x)` with no ndigits: the nearest int, ties to even. */
export function roundFloatToInt(x: number): bigint {
  const exact = exactDecimal(x);
  const rounded = divideRoundHalfEven(exact.digits, exact.scale);
  return exact.negative ? -rounded : rounded;
}

/** `round(n, ndigits)` for an int: unchanged for ndigits >= 0, else to a multiple of 10**-ndigits, ties to even. */
export function roundInt(n: bigint, ndigits: number): bigint {
  if (ndigits >= 0) return n;
  const negative = n < 0n;
  const rounded = divideRoundHalfEven(negative ? -n : n, -ndigits) * 10n ** BigInt(-ndigits);
  return negative ? -rounded : rounded;
}
