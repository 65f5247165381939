// Arbitrary-precision fixed-point series (BigInt with a number of fractional bits) for logarithms, exponentials and pi.

/** atanh(num/den) with `bits` fractional bits (|num/den| well below 1). */
export function atanhFixed(num: bigint, den: bigint, bits: number): bigint {
  const shift = BigInt(bits);
  const t = (num << shift) / den;
  const tSquared = (t * t) >> shift;
  let power = t;
  let sum = t;
  for (let k = 3n; power !== 0n; k += 2n) {
    power = (power * tSquared) >> shift;
    sum += power / k;
  }
  return sum;
}

export function ln2Fixed(bits: number): bigint {
  return 2n * atanhFixed(1n, 3n, bits);
}

/** arctan(1/n) with `bits` fractional bits. */
function arctanInverseFixed(n: bigint, bits: number): bigint {
  const nSquared = n * n;
  let power = (1n << BigInt(bits)) / n;
  let sum = power;
  for (let k = 3n, negative = true; power !== 0n; k += 2n, negative = !negative) {
    power /= nSquared;
    sum += negative ? -(power / k) : power / k;
  }
  return sum;
}

/** pi by Machin's formula, with `bits` fractional bits. */
export function piFixed(bits: number): bigint {
  return 16n * arctanInverseFixed(5n, bits) - 4n * arctanInverseFixed(239n, bits);
}

/** ln(man * 2**exp) for man > 0, with `bits` fractional bits. */
export function lnFixed(man: bigint, exp: number, bits: number): bigint {
  const bc = man.toString(2).length;
  const k = exp + bc - 1;
  const unit = 1n << BigInt(bc - 1);
  return 2n * atanhFixed(man - unit, man + unit, bits) + BigInt(k) * ln2Fixed(bits);
}

/** exp(x) for a fixed-point x with `bits` fractional bits and |x| <= 1, same scale. */
export function expSmallFixed(x: bigint, bits: number): bigint {
  const one = 1n << BigInt(bits);
  let term = one;
  let sum = one;
  for (let n = 1n; term !== 0n; n += 1n) {
    term = (term * x) / (n << BigInt(bits));
    sum += term;
  }
  return sum;
}

/** sin and cos of a fixed-point x with `bits` fractional bits, |x| <= 1. */
export function sinCosSmallFixed(x: bigint, bits: number): { sin: bigint; cos: bigint } {
  const shift = BigInt(bits);
  const one = 1n << shift;
  const xSquared = (x * x) >> shift;
  let sinTerm = x;
  let sin = x;
  let cosTerm = one;
  let cos = one;
  for (let n = 1n; sinTerm !== 0n || cosTerm !== 0n; n += 1n) {
    cosTerm = -((cosTerm * xSquared) >> shift) / ((2n * n - 1n) * (2n * n));
    sinTerm = -((sinTerm * xSquared) >> shift) / ((2n * n) * (2n * n + 1n));
    cos += cosTerm;
    sin += sinTerm;
  }
  return { sin, cos };
}
