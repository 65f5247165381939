// mpmath's raw binary floats (sign, odd mantissa, exponent): exact construction, rounding, division and decimal printing.

export type Rounding = "nearest" | "down";

/** A raw mpf: `(-1)**sign * man * 2**exp` with `man` odd, or one of the special values. */
export type RawMpf =
  | { kind: "finite"; sign: 0 | 1; man: bigint; exp: number }
  | { kind: "zero" }
  | { kind: "inf"; sign: 0 | 1 }
  | { kind: "nan" };

export const ZERO: RawMpf = { kind: "zero" };
export const NAN: RawMpf = { kind: "nan" };
export const POS_INF: RawMpf = { kind: "inf", sign: 0 };
export const NEG_INF: RawMpf = { kind: "inf", sign: 1 };

/** Python's math.log(10, 2), the constant mpmath converts between bits and digits with. */
const LOG2_10 = 3.3219280948873626;

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds `(-1)**sign * man * 2**exp` (man > 0) to `prec` bits and strips trailing zero bits,
 * as mpmath's normalize() does. With a sticky low bit in `man` this is correct rounding.
 */
export function normalize(sign: 0 | 1, man: bigint, exp: number, prec: number, rounding: Rounding): RawMpf {
  if (man === 0n) return ZERO;
  let mantissa = man;
  let exponent = exp;
  const bits = bitLength(mantissa);
  if (prec > 0 && bits > prec) {
    const shift = BigInt(bits - prec);
    const kept = mantissa >> shift;
    const dropped = mantissa & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    mantissa = kept;
    if (rounding === "nearest" && (dropped > half || (dropped === half && (kept & 1n) === 1n))) mantissa += 1n;
    exponent += Number(shift);
  }
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent += 1;
  }
  return { kind: "finite", sign, man: mantissa, exp: exponent };
}

export function fromBigInt(n: bigint, prec = 0, rounding: Rounding = "nearest"): RawMpf {
  if (n === 0n) return ZERO;
  return normalize(n < 0n ? 1 : 0, n < 0n ? -n : n, 0, prec, rounding);
}

/** The exact value of a double (mpmath's from_float at 53 bits loses nothing). */
export function fromDouble(x: number): RawMpf {
  if (Number.isNaN(x)) return NAN;
  if (x === Infinity) return POS_INF;
  if (x === -Infinity) return NEG_INF;
  if (x === 0) return ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let man = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    man |= 1n << 52n;
    exp = biased - 1075;
  }
  return normalize(x < 0 ? 1 : 0, man, exp, 0, "nearest");
}

/** `p / q` correctly rounded to `prec` bits (mpmath's from_rational / mpf_div). */
export function fromRational(p: bigint, q: bigint, prec: number, rounding: Rounding = "nearest"): RawMpf {
  if (q === 0n) throw new RangeError("division by zero");
  if (p === 0n) return ZERO;
  const sign: 0 | 1 = p < 0n !== q < 0n ? 1 : 0;
  const num = p < 0n ? -p : p;
  const den = q < 0n ? -q : q;
  const extra = Math.max(5, prec - bitLength(num) + bitLength(den) + 5);
  let quotient = (num << BigInt(extra)) / den;
  let shift = extra;
  if (quotient * den !== num << BigInt(extra)) {
    quotient = (quotient << 1n) | 1n;
    shift += 1;
  }
  return normalize(sign, quotient, -shift, prec, rounding);
}

/** mpf_div: `s / t` rounded to `prec` bits; raises on division by zero like mpmath (message empty). */
export function divide(s: RawMpf, t: RawMpf, prec: number, rounding: Rounding = "nearest"): RawMpf {
  if (s.kind !== "finite" || t.kind !== "finite") {
    if (s.kind === "zero") {
      if (t.kind === "zero") throw new ZeroDivisionByMpmath();
      if (t.kind === "nan") return NAN;
      return ZERO;
    }
    if (t.kind === "zero") throw new ZeroDivisionByMpmath();
    if (s.kind === "nan" || t.kind === "nan") return NAN;
    if (s.kind === "inf" && t.kind === "inf") return NAN;
    if (s.kind === "inf") return (s.sign ^ (t.kind === "finite" ? t.sign : 0)) === 0 ? POS_INF : NEG_INF;
    return ZERO;
  }
  const sign = (s.sign ^ t.sign) as 0 | 1;
  const value = fromRational(s.man, t.man, prec, rounding);
  if (value.kind !== "finite") return value;
  return { kind: "finite", sign, man: value.man, exp: value.exp + s.exp - t.exp };
}

/** ZeroDivisionError raised with no message, as mpmath does. */
export class ZeroDivisionByMpmath extends Error {
  constructor() {
    super("");
    this.name = "ZeroDivisionByMpmath";
  }
}

export function multiply(s: RawMpf, t: RawMpf): RawMpf {
  if (s.kind === "finite" && t.kind === "finite") {
    return { kind: "finite", sign: (s.sign ^ t.sign) as 0 | 1, man: s.man * t.man, exp: s.exp + t.exp };
  }
  if (s.kind === "nan" || t.kind === "nan") return NAN;
  if (s.kind === "zero" || t.kind === "zero") return s.kind === "inf" || t.kind === "inf" ? NAN : ZERO;
  const signOf = (value: RawMpf) => (value.kind === "finite" || value.kind === "inf" ? value.sign : 0);
  return (signOf(s) ^ signOf(t)) === 0 ? POS_INF : NEG_INF;
}

/** `s + t` rounded to `prec` bits (exact when prec is 0). */
export function add(s: RawMpf, t: RawMpf, prec: number, rounding: Rounding): RawMpf {
  if (s.kind === "zero") return t.kind === "finite" ? normalize(t.sign, t.man, t.exp, prec, rounding) : t;
  if (t.kind === "zero") return s.kind === "finite" ? normalize(s.sign, s.man, s.exp, prec, rounding) : s;
  if (s.kind !== "finite" || t.kind !== "finite") {
    if (s.kind === "nan" || t.kind === "nan") return NAN;
    if (s.kind === "inf" && t.kind === "inf") return s.sign === t.sign ? s : NAN;
    return s.kind === "inf" ? s : t;
  }
  const exp = Math.min(s.exp, t.exp);
  const a = (s.sign ? -s.man : s.man) << BigInt(s.exp - exp);
  const b = (t.sign ? -t.man : t.man) << BigInt(t.exp - exp);
  const sum = a + b;
  if (sum === 0n) return ZERO;
  return normalize(sum < 0n ? 1 : 0, sum < 0n ? -sum : sum, exp, prec, rounding);
}

export function negate(s: RawMpf): RawMpf {
  if (s.kind === "finite") return { ...s, sign: (s.sign ^ 1) as 0 | 1 };
  if (s.kind === "inf") return s.sign ? POS_INF : NEG_INF;
  return s;
}

/** mpmath's prec_to_dps / dps_to_prec / repr_dps, with Python's round() on the float product. */
function precToDps(prec: number): number {
  return Math.max(1, pythonRound(prec / LOG2_10) - 1);
}

export function dpsToPrec(dps: number): number {
  return Math.max(1, pythonRound((dps + 1) * LOG2_10));
}

export function reprDigits(prec: number): number {
  const dps = precToDps(prec);
  return dps === 15 ? 17 : dps + 3;
}

/** Python's round(float) to an int: ties to even. */
function pythonRound(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** mpmath's to_digits_exp: at most dps+ digits of the value, truncated toward zero, and the decimal exponent. */
function toDigitsExp(value: Extract<RawMpf, { kind: "finite" }>, dps: number): { digits: string; exponent: number } {
  const bitprec = Math.trunc(dps * LOG2_10) + 10;
  const bc = bitLength(value.man);
  const fixprec = Math.max(bitprec - value.exp - bc, 0);
  const fixdps = Math.trunc(fixprec / LOG2_10 + 0.5);
  const offset = value.exp + fixprec;
  const fixed = offset >= 0 ? value.man << BigInt(offset) : value.man >> BigInt(-offset);
  const decimal = (fixed * 10n ** BigInt(fixdps)) >> BigInt(fixprec);
  const digits = decimal.toString();
  return { digits, exponent: digits.length - fixdps - 1 };
}

/** mpmath's to_str(value, dps) with its defaults (strip zeros, fixed notation near unit magnitude). */
export function toStr(value: RawMpf, dps: number): string {
  if (value.kind === "zero") return dps ? "0.0" : ".0";
  if (value.kind === "inf") return value.sign ? "-inf" : "+inf";
  if (value.kind === "nan") return "nan";
  const sign = value.sign ? "-" : "";
  const minFixed = Math.min(-Math.floor(dps / 3), -5);
  const maxFixed = dps;
  let { digits, exponent } = toDigitsExp(value, dps + 3);
  if (!dps) {
    if ("56789".includes(digits[0] as string)) exponent += 1;
    digits = ".0";
  } else {
    if (digits.length > dps && "56789".includes(digits[dps] as string)) {
      digits = digits.slice(0, dps);
      let index = dps - 1;
      while (index >= 0 && digits[index] === "9") index -= 1;
      if (index >= 0) digits = digits.slice(0, index) + String(Number(digits[index]) + 1) + "0".repeat(dps - index - 1);
      else {
        digits = "1" + "0".repeat(dps - 1);
        exponent += 1;
      }
    } else {
      digits = digits.slice(0, dps);
    }
    let split: number;
    if (minFixed < exponent && exponent < maxFixed) {
      if (exponent < 0) {
        digits = "0".repeat(-exponent) + digits;
        split = 1;
      } else {
        split = exponent + 1;
        if (split > dps) digits += "0".repeat(split - dps);
      }
      exponent = 0;
    } else {
      split = 1;
    }
    digits = `${digits.slice(0, split)}.${digits.slice(split)}`;
    digits = digits.replace(/0+$/, "");
    if (digits.endsWith(".")) digits += "0";
  }
  if (exponent === 0 && dps) return sign + digits;
  if (exponent >= 0) return `${sign}${digits}e+${exponent}`;
  return `${sign}${digits}e${exponent}`;
}
