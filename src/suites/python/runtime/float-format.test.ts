// Python float text and rounding, checked against values CPython prints.
import { describe, expect, it } from "vitest";
import { exactDecimal, floatRepr, formatFixed, roundFloat, roundFloatToInt, roundInt } from "./float-format.js";

describe("floatRepr", () => {
  it.each([
    [0.1, "0.1"],
    [1e16, "1e+16"],
    [1.5e-7, "1.5e-07"],
    [123456789012345680, "1.2345678901234568e+17"],
    [3333.3333333333335, "3333.3333333333335"],
    [1e22, "1e+22"],
    [-0, "-0.0"],
    [5e-324, "5e-324"],
    [0.0001, "0.0001"],
    [1e-5, "1e-05"],
    [100, "100.0"],
    [2.5e15, "2500000000000000.0"],
    [Number.NaN, "nan"],
    [-Infinity, "-inf"],
  ])("repr(%s) is %s", (value, text) => {
    expect(floatRepr(value)).toBe(text);
  });
});

describe("rounding on the exact binary value", () => {
  it("rounds half to even where the decimal really is a tie, and not where binary makes it lower", () => {
    expect(roundFloat(2.675, 2)).toBe(2.67);
    expect(roundFloat(0.125, 2)).toBe(0.12);
    expect(roundFloat(1234.5, -1)).toBe(1230);
    expect(roundFloatToInt(2.5)).toBe(2n);
    expect(roundFloatToInt(3.5)).toBe(4n);
    expect(roundInt(15n, -1)).toBe(20n);
    expect(roundInt(25n, -1)).toBe(20n);
    expect(roundInt(-25n, -1)).toBe(-20n);
  });

  it("formats fixed places like format(x, '.2f')", () => {
    expect(formatFixed(0.125, 2)).toBe("0.12");
    expect(formatFixed(2.675, 2)).toBe("2.67");
    expect(formatFixed(1023.999, 2)).toBe("1024.00");
    expect(formatFixed(6755 / 1024, 2)).toBe("6.60");
    expect(formatFixed(-0.5, 0)).toBe("-0");
  });

  it("expands a double exactly", () => {
    const half = exactDecimal(0.5);
    expect(half.digits * 2n).toBe(10n ** BigInt(half.scale));
    const eight = exactDecimal(-8);
    expect(eight.negative).toBe(true);
    expect(eight.digits).toBe(8n * 10n ** BigInt(eight.scale));
  });
});
