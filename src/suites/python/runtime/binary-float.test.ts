// mpmath's raw floats: rounding, division and its decimal printing.
import { describe, expect, it } from "vitest";
import { divide, dpsToPrec, fromBigInt, fromDouble, fromRational, reprDigits, toStr } from "./binary-float.js";

describe("raw mpf arithmetic", () => {
  it("converts precision the way mpmath does", () => {
    expect(dpsToPrec(4)).toBe(17);
    expect(dpsToPrec(15)).toBe(53);
    expect(reprDigits(17)).toBe(7);
    expect(reprDigits(53)).toBe(17);
  });

  it("rounds to nearest even and prints with to_str", () => {
    expect(toStr(fromRational(1n, 3n, 53), 17)).toBe("0.33333333333333331");
    expect(toStr(fromDouble(0.1), 17)).toBe("0.10000000000000001");
    expect(toStr(divide(fromBigInt(2n), fromBigInt(3n), 17), 7)).toBe("0.6666641");
    expect(toStr(fromBigInt(10n ** 20n), 7)).toBe("1.0e+20");
    expect(toStr(fromDouble(1.5e-7), 7)).toBe("1.5e-7");
    expect(() => divide(fromBigInt(1n), fromBigInt(0n), 10)).toThrow();
  });
});
