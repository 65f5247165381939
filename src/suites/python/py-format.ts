// Python's fixed-point formatting and round(): both round the exact binary value half-to-even (JS's toFixed breaks ties upward).

/** `"{:.Nf}".format(value)`. */
export function pyFormatFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const { mantissa, exponent } = decompose(Math.abs(value));
  const scaled = mantissa * 10n ** BigInt(digits);
  let quotient: bigint;
  if (exponent >= 0) {
    quotient = scaled << BigInt(exponent);
  } else {
    const denominator = 1n << BigInt(-exponent);
    quotient = scaled / denominator;
    const twiceRemainder = (scaled % denominator) * 2n;
    if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
  }
  const text = quotient.toString().padStart(digits + 1, "0");
  return digits === 0 ? sign + text : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Python's round(value, digits) for a float. */
export function pyRound(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  return Number(pyFormatFixed(value, digits));
}

/** value = mantissa × 2^exponent, exactly. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
