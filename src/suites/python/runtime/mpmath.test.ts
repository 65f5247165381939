// MathAPI.logarithm's mpmath result, printed exactly as mpmath prints it (values from mpmath 1.3).
import { describe, expect, it } from "vitest";
import { PyException } from "./exceptions.js";
import { mpmathLogRatio } from "./mpmath.js";

describe("mpmathLogRatio", () => {
  it.each([
    [3287.0, 6.0, 4n, "mpf('4.51947')"],
    [36n, 6n, 4n, "mpf('2.0')"],
    [100n, 10n, 2n, "mpf('2.0')"],
    [2n, 3n, 10n, "mpf('0.6309297535699')"],
    [1000n, 10n, 15n, "mpf('2.9999999999999996')"],
    [0.001, 10n, 6n, "mpf('-3.0')"],
    [7n, 2n, 30n, "mpf('2.80735492205760410744196931723203')"],
    [1e-300, 10n, 4n, "mpf('-300.0')"],
    [Math.SQRT2, 2n, 8n, "mpf('0.5')"],
    [5n, 1.0000001, 6n, "mpf('16094380.0')"],
    [8n, 2n, 1n, "mpf('3.0')"],
    ["2.5", 2n, 6n, "mpf('1.32192802')"],
    ["1/3", 3n, 6n, "mpf('-1.0')"],
  ])("log(%s)/log(%s) at dps %s is %s", (value, base, dps, text) => {
    expect(mpmathLogRatio(value, base, dps).repr()).toBe(text);
  });

  it("turns a negative argument into an mpc", () => {
    expect(mpmathLogRatio(-5n, 6n, 6n).repr()).toBe("mpc(real='0.898244381', imag='1.75335622')");
    expect(mpmathLogRatio(5n, -6n, 6n).repr()).toBe("mpc(real='0.220468223', imag='-0.386559308')");
  });

  it("raises what mpmath raises", () => {
    expect(() => mpmathLogRatio(0n, 1n, 4n)).toThrow(PyException);
    expect(() => mpmathLogRatio("abc", 2n, 4n)).toThrow("cannot create mpf from 'abc'");
    expect(mpmathLogRatio(0n, 2n, 4n).repr()).toBe("mpf('-inf')");
  });
});
