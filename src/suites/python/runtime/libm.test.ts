// pow/sin/cos rounded like the C library CPython uses (values from CPython on glibc).
import { describe, expect, it } from "vitest";
import { powPositive, sinCos } from "./libm.js";

describe("correctly rounded libm", () => {
  it.each([
    [2.0, 1.5, 2.8284271247461903],
    [2.5, 3.7, 29.67413253642086],
    [10.0, -2.0, 0.01],
    [1.0001, 10000.5, 2.7182818307237544],
    [0.5, 0.3, 0.8122523963562356],
    [7.0, 0.5, 2.6457513110645907],
    [3.0, 40.0, 1.2157665459056929e19],
    [123.456, 2.0, 15241.383936],
    [2.0, 0.1, 1.0717734625362931],
    [9.99, -7.77, 1.7114970562096482e-8],
  ])("%s ** %s is %s", (x, y, expected) => {
    expect(powPositive(x, y)).toBe(expected);
  });

  it("overflows to infinity past the largest double", () => {
    expect(powPositive(10, 400)).toBe(Infinity);
  });

  it.each([
    [1.0, 0.8414709848078965, 0.5403023058681398],
    [4.71238898038469, -1.0, -1.8369701987210297e-16],
    [1e10, -0.4875060250875107, 0.873119622676856],
    [-2.5, -0.5984721441039565, -0.8011436155469337],
  ])("sin and cos of %s", (x, sin, cos) => {
    expect(sinCos(x)).toEqual({ sin, cos });
  });
});
