// What MathAPI.logarithm gets from mpmath: log(value)/log(base) at mp.dps digits, printed as mpf('…') or mpc(…).
import {
  NAN,
  NEG_INF,
  POS_INF,
  ZERO,
  ZeroDivisionByMpmath,
  add,
  bitLength,
  divide,
  dpsToPrec,
  fromBigInt,
  fromDouble,
  fromRational,
  multiply,
  negate,
  normalize,
  reprDigits,
  toStr,
  type RawMpf,
} from "./binary-float.js";
import { PyException, typeError } from "./exceptions.js";
import { lnFixed, piFixed } from "./fixed-point.js";
import { parseFloatLiteral, pyInt } from "./operators.js";
import { pyRepr } from "../py-repr.js";
import { PyInstance, pyEquals, type PyValue } from "../py-value.js";

/** An mpmath mpf result; it prints with the repr digits of the precision it was computed at. */
export class Mpf extends PyInstance {
  readonly pyTypeName = "mpf";
  constructor(
    readonly value: RawMpf,
    readonly digits: number,
  ) {
    super();
  }
  repr(): string {
    return `mpf('${toStr(this.value, this.digits)}')`;
  }
  override str(): string {
    return toStr(this.value, this.digits);
  }
  equals(other: PyValue): boolean {
    return other instanceof Mpf && JSON.stringify(other.value, bigintSafe) === JSON.stringify(this.value, bigintSafe);
  }
}

/** An mpmath mpc result (the logarithm of a negative number). */
export class Mpc extends PyInstance {
  readonly pyTypeName = "mpc";
  constructor(
    readonly real: RawMpf,
    readonly imag: RawMpf,
    readonly digits: number,
  ) {
    super();
  }
  repr(): string {
    return `mpc(real='${toStr(this.real, this.digits)}', imag='${toStr(this.imag, this.digits)}')`;
  }
  override str(): string {
    return `(${toStr(this.real, this.digits)} + ${toStr(this.imag, this.digits)}j)`;
  }
  equals(other: PyValue): boolean {
    return other instanceof Mpc && pyEquals(new Mpf(this.real, 0), new Mpf(other.real, 0)) && pyEquals(new Mpf(this.imag, 0), new Mpf(other.imag, 0));
  }
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** pi rounded to `prec` bits (mpf_pi). */
function piMpf(prec: number): RawMpf {
  const bits = prec + 64;
  return normalize(0, piFixed(bits), -bits, prec, "nearest");
}

/**
 * ln(x) rounded to nearest at `prec` bits. mpmath computes with 20 guard bits and rounds once;
 * computing with many more guard bits gives the same result except within a hair of a rounding tie.
 */
function lnMpf(x: RawMpf, prec: number): RawMpf {
  if (x.kind === "zero") return NEG_INF;
  if (x.kind === "nan") return NAN;
  if (x.kind === "inf") return x.sign ? NAN : POS_INF;
  const k = x.exp + bitLength(x.man) - 1;
  const bits = prec + 64 + bitLength(BigInt(Math.abs(k)));
  const total = lnFixed(x.man, x.exp, bits);
  if (total === 0n) return ZERO;
  return normalize(total < 0n ? 1 : 0, total < 0n ? -total : total, -bits, prec, "nearest");
}

/** mpmath's conversion of a Python value to an mpf: ints and floats exactly, strings rounded to `prec`. */
function toMpf(value: PyValue, prec: number): RawMpf {
  if (typeof value === "bigint") return fromBigInt(value);
  if (typeof value === "boolean") return fromBigInt(value ? 1n : 0n);
  if (typeof value === "number") return fromDouble(value);
  if (typeof value === "string") {
    const parsed = fromDecimalString(value, prec);
    if (parsed) return parsed;
  }
  throw typeError(`cannot create mpf from ${pyRepr(value)}`);
}

function fromDecimalString(text: string, prec: number): RawMpf | undefined {
  const literal = text.toLowerCase().trim();
  if (literal === "inf" || literal === "+inf") return POS_INF;
  if (literal === "-inf") return NEG_INF;
  if (literal === "nan") return NAN;
  if (literal.includes("/")) {
    const parts = literal.split("/");
    if (parts.length !== 2) return undefined;
    try {
      const p = pyInt((parts[0] as string).replace(/l+$/, ""));
      const q = pyInt((parts[1] as string).replace(/l+$/, ""));
      if (q === 0n) throw new PyException("ZeroDivisionError", "");
      return fromRational(p, q, prec);
    } catch (error) {
      if (error instanceof PyException && error.pyType === "ValueError") return undefined;
      throw error;
    }
  }
  const body = literal.replace(/l+$/, "");
  const parsed = parseFloatLiteral(body);
  if (parsed === undefined || !Number.isFinite(parsed)) return undefined;
  const match = /^([+-]?)([\d_]*)(?:\.([\d_]*))?(?:e([+-]?[\d_]+))?$/.exec(body.replaceAll("_", ""));
  if (!match) return undefined;
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  const mantissa = BigInt(`${match[1]}${match[2] || "0"}${fraction}`);
  const exponent = Number(match[4] ?? "0") - fraction.length;
  if (exponent >= 0) return fromBigInt(mantissa * 10n ** BigInt(exponent), prec);
  return fromRational(mantissa, 10n ** BigInt(-exponent), prec);
}

type MpValue = { real: RawMpf; imag?: RawMpf };

function logOf(value: PyValue, prec: number): MpValue {
  const x = toMpf(value, prec);
  if (x.kind === "finite" && x.sign === 1) {
    // log of a negative real: log|x| + i*pi (mpc_log via mpf_log_hypot and atan2).
    return { real: lnMpf(negate(x), prec), imag: piMpf(prec) };
  }
  return { real: lnMpf(x, prec) };
}

/** mpc_div: (a+bi)/(c+di) with prec+10 working bits for the products, as mpmath does. */
function complexDivide(a: RawMpf, b: RawMpf, c: RawMpf, d: RawMpf, prec: number): MpValue {
  const wp = prec + 10;
  const magnitude = add(multiply(c, c), multiply(d, d), wp, "down");
  const t = add(multiply(a, c), multiply(b, d), wp, "down");
  const u = add(multiply(b, c), negate(multiply(a, d)), wp, "down");
  return { real: divide(t, magnitude, prec), imag: divide(u, magnitude, prec) };
}

function quotient(numerator: MpValue, denominator: MpValue, prec: number): MpValue {
  if (denominator.imag === undefined) {
    if (numerator.imag === undefined) return { real: divide(numerator.real, denominator.real, prec) };
    return { real: divide(numerator.real, denominator.real, prec), imag: divide(numerator.imag, denominator.real, prec) };
  }
  return complexDivide(numerator.real, numerator.imag ?? ZERO, denominator.real, denominator.imag, prec);
}

/**
 * `mpmath.mp.dps = precision; mpmath.log(value) / mpmath.log(base)`. Raises PyException for what
 * mpmath raises (the API turns any of them into an error dict).
 */
export function mpmathLogRatio(value: PyValue, base: PyValue, precision: PyValue): Mpf | Mpc {
  const dps = Number(pyInt(precision));
  const prec = dpsToPrec(dps);
  const digits = reprDigits(prec);
  try {
    const result = quotient(logOf(value, prec), logOf(base, prec), prec);
    return result.imag === undefined ? new Mpf(result.real, digits) : new Mpc(result.real, result.imag, digits);
  } catch (error) {
    if (error instanceof ZeroDivisionByMpmath) throw new PyException("ZeroDivisionError", "");
    throw error;
  }
}
