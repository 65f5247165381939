// Python's complex: the checker reads `1+2j` literals, and the multi-turn runtime gets one from a negative float's fractional power.
import { pyFloatPartRepr } from "./py-repr.js";
import { PyInstance, pyEquals, type PyValue } from "./py-value.js";

export class PyComplex extends PyInstance {
  readonly pyTypeName = "complex";
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {
    super();
  }

  /** `1j`, `(1+2j)`, `(1.5-2j)`; CPython signs the imaginary part explicitly and writes a NaN part as `+nan`. */
  repr(): string {
    const imag = `${pyFloatPartRepr(this.imag)}j`;
    if (this.real === 0 && !Object.is(this.real, -0)) return imag;
    const sign = this.imag < 0 || Object.is(this.imag, -0) ? "" : "+";
    return `(${pyFloatPartRepr(this.real)}${sign}${imag})`;
  }

  equals(other: PyValue): boolean {
    if (other instanceof PyComplex) return other.real === this.real && other.imag === this.imag;
    return this.imag === 0 && (typeof other === "number" || typeof other === "bigint" || typeof other === "boolean") && pyEquals(this.real, other);
  }

  override hashKey(): string {
    return `${this.real},${this.imag}`;
  }

  /** `1+0j == 1`, so they are one dict key. */
  override equalKey(): PyValue | undefined {
    return this.imag === 0 ? this.real : undefined;
  }

  override truthy(): boolean {
    return this.real !== 0 || this.imag !== 0;
  }
}
