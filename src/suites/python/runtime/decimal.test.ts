// MathAPI.square_root's Decimal result (values from CPython's decimal module).
import { describe, expect, it } from "vitest";
import { decimalPrecision, decimalSqrt, toDecimal } from "./decimal.js";

const sqrt = (value: bigint | number, precision: number) => decimalSqrt(toDecimal(value), precision).repr();

describe("decimal sqrt", () => {
  it("rounds to the context precision and keeps the ideal exponent for exact roots", () => {
    expect(sqrt(2n, 28)).toBe("Decimal('1.414213562373095048801688724')");
    expect(sqrt(2n, 4)).toBe("Decimal('1.414')");
    expect(sqrt(16n, 4)).toBe("Decimal('4')");
    expect(sqrt(100n, 4)).toBe("Decimal('10')");
    expect(sqrt(0.01, 4)).toBe("Decimal('0.1000')");
    expect(sqrt(1e-7, 4)).toBe("Decimal('0.0003162')");
    expect(sqrt(2.25, 4)).toBe("Decimal('1.5')");
    expect(sqrt(10n ** 10n, 4)).toBe("Decimal('1.000E+5')");
    expect(sqrt(12345678n, 4)).toBe("Decimal('3514')");
    expect(sqrt(1e20, 28)).toBe("Decimal('10000000000')");
    expect(sqrt(0.1, 28)).toBe("Decimal('0.3162277660168379419769730259')");
  });

  it("validates the precision like getcontext().prec", () => {
    expect(() => decimalPrecision(0n)).toThrow("valid range for prec is [1, MAX_PREC]");
    expect(() => decimalPrecision(4.5)).toThrow("an integer is required");
    expect(decimalPrecision(true)).toBe(1);
  });
});
