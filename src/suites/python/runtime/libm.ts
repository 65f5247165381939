// pow, sin and cos rounded to the nearest double, as CPython gets them from the C library (JavaScript's differ in the last bit).
import { fromDouble, normalize } from "./binary-float.js";
import { expSmallFixed, ln2Fixed, lnFixed, piFixed, sinCosSmallFixed } from "./fixed-point.js";

/** The double nearest `value * 2**-bits` (value a fixed-point BigInt). */
function fixedToDouble(value: bigint, bits: number): number {
  if (value === 0n) return 0;
  const negative = value < 0n;
  const rounded = normalize(negative ? 1 : 0, negative ? -value : value, -bits, 53, "nearest");
  if (rounded.kind !== "finite") return 0;
  const magnitude = Number(rounded.man) * 2 ** rounded.exp;
  return negative ? -magnitude : magnitude;
}

/** x**y for finite x > 0 (x != 1) and finite y != 0: exp(y ln x), rounded once. Infinity on overflow. */
export function powPositive(x: number, y: number): number {
  const base = fromDouble(x);
  const exponent = fromDouble(y);
  if (base.kind !== "finite" || exponent.kind !== "finite") return x ** y;
  const bits = 160;
  // t = y * ln x, as a fixed-point number with `bits` fractional bits.
  const lnX = lnFixed(base.man, base.exp, bits);
  let t = lnX * (exponent.sign ? -exponent.man : exponent.man);
  t = exponent.exp >= 0 ? t << BigInt(exponent.exp) : t / (1n << BigInt(-exponent.exp));
  const scale = 1n << BigInt(bits);
  if (t > 710n * scale) return Infinity;
  if (t < -746n * scale) return 0;
  // exp(t) = 2**k * exp(r) with r = t - k ln2 small.
  const ln2 = ln2Fixed(bits);
  const k = (t + ln2 / 2n) / ln2 - (t < -ln2 / 2n && (t + ln2 / 2n) % ln2 !== 0n ? 1n : 0n);
  const r = t - k * ln2;
  const e = expSmallFixed(r, bits);
  return fixedToDouble(e, bits - Number(k));
}

/** sin and cos of a double, each rounded to the nearest double. */
export function sinCos(x: number): { sin: number; cos: number } {
  if (!Number.isFinite(x)) return { sin: Number.NaN, cos: Number.NaN };
  if (x === 0) return { sin: x, cos: 1 };
  const raw = fromDouble(x);
  if (raw.kind !== "finite") return { sin: Math.sin(x), cos: Math.cos(x) };
  // sin x and cos x round to x and 1 below 2**-30.
  if (Math.abs(x) < 2 ** -30) return { sin: x, cos: 1 };
  const bits = 200 + Math.max(0, raw.exp + raw.man.toString(2).length);
  const magnitude = raw.exp >= 0 ? raw.man << BigInt(raw.exp + bits) : (raw.man << BigInt(bits)) >> BigInt(-raw.exp);
  const value = raw.sign ? -magnitude : magnitude;
  // Reduce by multiples of pi/2 to |x| <= pi/4.
  const halfPi = piFixed(bits) / 2n;
  let quadrant = (value + halfPi / 2n) / halfPi;
  if (value + halfPi / 2n < 0n && (value + halfPi / 2n) % halfPi !== 0n) quadrant -= 1n;
  const reduced = value - quadrant * halfPi;
  const { sin, cos } = sinCosSmallFixed(reduced, bits);
  const turn = Number(((quadrant % 4n) + 4n) % 4n);
  const [s, c] = [
    [sin, cos],
    [cos, -sin],
    [-sin, -cos],
    [-cos, sin],
  ][turn] as [bigint, bigint];
  return { sin: fixedToDouble(s, bits), cos: fixedToDouble(c, bits) };
}
