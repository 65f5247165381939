// The complex result a negative float raised to a fractional power produces (the class itself is python/py-complex.ts).
import { PyComplex } from "../py-complex.js";
import { powPositive, sinCos } from "./libm.js";

/** CPython's _Py_c_pow for a negative real base and a real, non-integral exponent: |x|**y at angle pi*y. */
export function complexPower(base: number, exponent: number): PyComplex {
  const length = Math.abs(base) === 1 ? 1 : powPositive(Math.abs(base), exponent);
  // atan2(0, negative) is pi, rounded to a double.
  const { sin, cos } = sinCos(Math.PI * exponent);
  return new PyComplex(length * cos, length * sin);
}
