// Python's complex results, which a negative float raised to a fractional power produces.
import { pyFloatPartRepr as partRepr } from "../py-repr.js";
import { powPositive, sinCos } from "./libm.js";
import { PyInstance, type PyValue } from "./values.js";

// Only the part printing is shared with the checker's complex repr: this one writes "+nan" for a NaN imaginary part, as
// CPython does, where python/py-repr.ts omits the sign, and changing either would change recorded outputs.
export class PyComplex extends PyInstance {
  readonly pyTypeName = "complex";
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {
    super();
  }
  repr(): string {
    if (this.real === 0 && !Object.is(this.real, -0)) return `${partRepr(this.imag)}j`;
    const imag = partRepr(this.imag);
    const signed = imag.startsWith("-") ? imag : `+${imag}`;
    return `(${partRepr(this.real)}${signed}j)`;
  }
  equals(other: PyValue): boolean {
    if (other instanceof PyComplex) return other.real === this.real && other.imag === this.imag;
    return this.imag === 0 && (typeof other === "number" || typeof other === "bigint") && Number(other) === this.real;
  }
  override hashKey(): string {
    return `${this.real},${this.imag}`;
  }
}

/** CPython's _Py_c_pow for a negative real base and a real, non-integral exponent: |x|**y at angle pi*y. */
export function complexPower(base: number, exponent: number): PyComplex {
  const length = Math.abs(base) === 1 ? 1 : powPositive(Math.abs(base), exponent);
  // atan2(0, negative) is pi, rounded to a double.
  const { sin, cos } = sinCos(Math.PI * exponent);
  return new PyComplex(length * cos, length * sin);
}
