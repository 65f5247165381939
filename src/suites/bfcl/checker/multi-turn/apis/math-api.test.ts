// MathAPI: Python numerics, precision functions and the reference's error dicts.
import { describe, expect, it } from "vitest";
import { apiHarness } from "../test-support/api-harness.js";

describe("MathAPI", () => {
  const math = () => apiHarness(["MathAPI"]);

  it("keeps int results ints and float results floats", () => {
    expect(math().run("add(a=2, b=3)", "add(a=2, b=3.0)", "divide(a=10, b=4)", "multiply(a=3, b=1.5)", "power(base=2, exponent=10)", "absolute_value(number=-4)")).toEqual([
      '{"result": 5}',
      '{"result": 5.0}',
      '{"result": 2.5}',
      '{"result": 4.5}',
      '{"result": 1024}',
      '{"result": 4}',
    ]);
  });

  it("computes statistics as the reference does", () => {
    expect(math().run("mean(numbers=[5000, 3000, 2000])", "sum_values(numbers=[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])", "standard_deviation(numbers=[2, 4, 4, 4, 5, 5, 7, 9])", "min_value(numbers=[3, 1.5])", "round_number(number=3333.3333333333335)", "percentage(part=1, whole=3)")).toEqual([
      '{"result": 3333.3333333333335}',
      '{"result": 1.0}',
      '{"result": 2.0}',
      '{"result": 1.5}',
      '{"result": 3333.0}',
      '{"result": 33.33333333333333}',
    ]);
  });

  it("prints mpmath and Decimal results through str() because json.dumps refuses them", () => {
    expect(math().run("logarithm(value=3287.0, base=6.0, precision=4)", "logarithm(value=36, base=6, precision=4)", "square_root(number=2, precision=5)")).toEqual([
      "{'result': mpf('4.51947')}",
      "{'result': mpf('2.0')}",
      "{'result': Decimal('1.4142')}",
    ]);
  });

  it("converts units and reports the reference's errors", () => {
    expect(math().run("si_unit_conversion(value=5, unit_in='km', unit_out='m')", "imperial_si_conversion(value=100, unit_in='celsius', unit_out='fahrenheit')", "imperial_si_conversion(value=1, unit_in='x', unit_out='y')")).toEqual([
      '{"result": 5000.0}',
      '{"result": 212.0}',
      "{\"error\": \"Conversion from 'x' to 'y' is not supported\"}",
    ]);
    expect(math().run("divide(a=1, b=0)", "mean(numbers=[])", "add(a='1', b=2)", "logarithm(value=5, base=1, precision=4)", "square_root(number=-4, precision=3)", "square_root(number=4, precision=0)")).toEqual([
      '{"error": "Cannot divide by zero"}',
      '{"error": "Cannot calculate mean of an empty list"}',
      '{"error": "Both inputs must be numbers"}',
      '{"error": ""}',
      '{"error": "Cannot calculate square root of a negative number"}',
      "Error during execution: valid range for prec is [1, MAX_PREC]",
    ]);
  });
});
