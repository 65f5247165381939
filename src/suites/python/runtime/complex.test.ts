// Complex results print like CPython's complex repr.
import { describe, expect, it } from "vitest";
import { PyComplex } from "../py-complex.js";
import { complexPower } from "./complex.js";
import { pyPow } from "./operators.js";
import { pyRepr } from "../py-repr.js";

describe("complex results", () => {
  it("raises a negative float to a fractional power as CPython does", () => {
    expect(pyRepr(complexPower(-8, 0.5))).toBe("(1.7319121124709868e-16+2.8284271247461903j)");
    expect(pyRepr(pyPow(-2n, 1.5))).toBe("(-5.19573633741296e-16-2.8284271247461903j)");
    expect(pyRepr(pyPow(-8n, 1 / 3))).toBe("(1.0000000000000002+1.7320508075688772j)");
    expect(pyRepr(pyPow(-0.5, 2.5))).toBe("(5.412225351471834e-17+0.1767766952966369j)");
    expect(pyRepr(pyPow(-1n, 0.5))).toBe("(6.123233995736766e-17+1j)");
  });

  it("drops the real part when it is +0", () => {
    expect(new PyComplex(0, 2).repr()).toBe("2j");
    expect(new PyComplex(-0, 2).repr()).toBe("(-0+2j)");
  });
});
