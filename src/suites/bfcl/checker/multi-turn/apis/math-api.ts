// BFCL's MathAPI: arithmetic, statistics, unit conversion and the mpmath/decimal precision functions, with Python's numerics.
import { pyMax, pyMin, pyRound, pySum } from "../../../../python/runtime/builtins.js";
import { decimalPrecision, decimalSqrt, toDecimal } from "../../../../python/runtime/decimal.js";
import { PyException } from "../../../../python/runtime/exceptions.js";
import { mpmathLogRatio } from "../../../../python/runtime/mpmath.js";
import { pyAbs, pyAdd, pyContains, pyIterate, pyLen, pyLt, pyMul, pyPow, pySub, pyTrueDivide } from "../../../../python/runtime/operators.js";
import { pyStr } from "../../../../python/py-repr.js";
import { PyDict, pyEquals, pyTruthy, type PyValue } from "../../../../python/py-value.js";
import { SimulatedApi, optional, required, type ApiMethod } from "./simulated-api.js";

const TO_METERS: [string, PyValue][] = [
  ["km", 1000n],
  ["m", 1n],
  ["cm", 0.01],
  ["mm", 0.001],
  ["um", 1e-6],
  ["nm", 1e-9],
];

const IMPERIAL_FACTORS: Record<string, number> = {
  cm_to_in: 0.393701,
  in_to_cm: 2.54,
  m_to_ft: 3.28084,
  ft_to_m: 0.3048,
  m_to_yd: 1.09361,
  yd_to_m: 0.9144,
  km_to_miles: 0.621371,
  miles_to_km: 1.60934,
  kg_to_lb: 2.20462,
  lb_to_kg: 0.453592,
  celsius_to_fahrenheit: 1.8,
  fahrenheit_to_celsius: 5 / 9,
};

/** `isinstance(value, (int, float))` (bool included, as in Python). */
function isIntOrFloat(value: PyValue): boolean {
  return typeof value === "bigint" || typeof value === "number" || typeof value === "boolean";
}

const result = (value: PyValue): PyDict => PyDict.fromRecord({ result: value });
const failure = (message: string): PyDict => PyDict.fromRecord({ error: message });

/** Runs `body`, turning a Python TypeError into the method's own error dict (the reference's `except TypeError`). */
function catchingTypeError(body: () => PyValue, message: string): PyValue {
  try {
    return body();
  } catch (error) {
    if (error instanceof PyException && error.pyType === "TypeError") return failure(message);
    throw error;
  }
}

function catchingOverflow(body: () => PyValue): PyValue {
  try {
    return body();
  } catch (error) {
    if (error instanceof PyException && error.pyType === "OverflowError") return failure("Conversion resulted in a value too large to represent");
    throw error;
  }
}

export class MathAPI extends SimulatedApi {
  readonly pyTypeName = "MathAPI";

  loadScenario(): void {
    // MathAPI is stateless: the reference never loads a scenario into it.
  }

  publicState(): [string, PyValue][] {
    return [];
  }

  logarithm(value: PyValue, base: PyValue, precision: PyValue): PyValue {
    try {
      return result(mpmathLogRatio(value, base, precision));
    } catch (error) {
      if (error instanceof PyException) return failure(error.pyMessage);
      throw error;
    }
  }

  mean(numbers: PyValue): PyValue {
    if (!pyTruthy(numbers)) return failure("Cannot calculate mean of an empty list");
    return catchingTypeError(() => result(pyTrueDivide(pySum(numbers), BigInt(pyLen(numbers)))), "All elements in the list must be numbers");
  }

  standardDeviation(numbers: PyValue): PyValue {
    if (!pyTruthy(numbers)) return failure("Cannot calculate standard deviation of an empty list");
    return catchingTypeError(() => {
      const count = BigInt(pyLen(numbers));
      const mean = pyTrueDivide(pySum(numbers), count);
      const squares = pyIterate(numbers).map((x) => pyPow(pySub(x, mean), 2n));
      return result(Math.sqrt(pyTrueDivide(pySum(squares), count)));
    }, "All elements in the list must be numbers");
  }

  siUnitConversion(value: PyValue, unitIn: PyValue, unitOut: PyValue): PyValue {
    const toMeters = PyDict.of(TO_METERS);
    const fromMeters = PyDict.of(TO_METERS.map(([unit, factor]) => [unit, pyTrueDivide(1n, factor)] as const));
    if (!isIntOrFloat(value)) return failure("Value must be a number");
    if (!pyContains(toMeters, unitIn) || !pyContains(fromMeters, unitOut)) {
      return failure(`Conversion from '${pyStr(unitIn)}' to '${pyStr(unitOut)}' is not supported`);
    }
    return catchingOverflow(() => {
      const meters = pyMul(value, toMeters.get(unitIn) as PyValue);
      return result(pyMul(meters, fromMeters.get(unitOut) as PyValue));
    });
  }

  imperialSiConversion(value: PyValue, unitIn: PyValue, unitOut: PyValue): PyValue {
    if (!isIntOrFloat(value)) return failure("Value must be a number");
    if (pyEquals(unitIn, unitOut)) return result(value);
    const key = `${pyStr(unitIn)}_to_${pyStr(unitOut)}`;
    const factor = IMPERIAL_FACTORS[key];
    if (factor === undefined || !Object.hasOwn(IMPERIAL_FACTORS, key)) {
      return failure(`Conversion from '${pyStr(unitIn)}' to '${pyStr(unitOut)}' is not supported`);
    }
    return catchingOverflow(() => {
      if (unitIn === "celsius" && unitOut === "fahrenheit") return result(pyAdd(pyMul(value, factor), 32n));
      if (unitIn === "fahrenheit" && unitOut === "celsius") return result(pyMul(pySub(value, 32n), factor));
      return result(pyMul(value, factor));
    });
  }

  add(a: PyValue, b: PyValue): PyValue {
    return catchingTypeError(() => result(pyAdd(a, b)), "Both inputs must be numbers");
  }

  subtract(a: PyValue, b: PyValue): PyValue {
    return catchingTypeError(() => result(pySub(a, b)), "Both inputs must be numbers");
  }

  multiply(a: PyValue, b: PyValue): PyValue {
    if (!isIntOrFloat(a) || !isIntOrFloat(b)) return failure("Both inputs must be numbers");
    return catchingTypeError(() => result(pyMul(a, b)), "Both inputs must be numbers");
  }

  divide(a: PyValue, b: PyValue): PyValue {
    return catchingTypeError(() => {
      if (pyEquals(b, 0n)) return failure("Cannot divide by zero");
      return result(pyTrueDivide(a, b));
    }, "Both inputs must be numbers");
  }

  power(base: PyValue, exponent: PyValue): PyValue {
    return catchingTypeError(() => result(pyPow(base, exponent)), "Both inputs must be numbers");
  }

  squareRoot(number: PyValue, precision: PyValue): PyValue {
    const invalid = "Input must be a number or computation resulted in an invalid operation";
    try {
      if (pyLt(number, 0n)) return failure("Cannot calculate square root of a negative number");
      const digits = decimalPrecision(precision);
      return result(decimalSqrt(toDecimal(number), digits));
    } catch (error) {
      if (error instanceof PyException && (error.pyType === "TypeError" || error.pyType === "InvalidOperation")) return failure(invalid);
      throw error;
    }
  }

  absoluteValue(number: PyValue): PyValue {
    return catchingTypeError(() => result(pyAbs(number)), "Input must be a number");
  }

  roundNumber(number: PyValue, decimalPlaces: PyValue): PyValue {
    return catchingTypeError(() => result(pyRound(number, decimalPlaces)), "First input must be a number, second input must be an integer");
  }

  percentage(part: PyValue, whole: PyValue): PyValue {
    return catchingTypeError(() => {
      if (pyEquals(whole, 0n)) return failure("Whole value cannot be zero");
      return result(pyMul(pyTrueDivide(part, whole), 100n));
    }, "Both inputs must be numbers");
  }

  private listReduction(numbers: PyValue, empty: string, reduce: (numbers: PyValue) => PyValue): PyValue {
    if (!pyTruthy(numbers)) return failure(empty);
    return catchingTypeError(() => result(reduce(numbers)), "All elements in the list must be numbers");
  }

  protected defineMethods(): Record<string, ApiMethod<MathAPI>> {
    const method = (parameters: ApiMethod<MathAPI>["parameters"], invoke: ApiMethod<MathAPI>["invoke"]): ApiMethod<MathAPI> => ({ parameters, invoke });
    const two = (a: string, b: string) => [required(a), required(b)];
    return {
      logarithm: method([required("value"), required("base"), required("precision")], (self, [v, b, p]) => self.logarithm(v as PyValue, b as PyValue, p as PyValue)),
      mean: method([required("numbers")], (self, [n]) => self.mean(n as PyValue)),
      standard_deviation: method([required("numbers")], (self, [n]) => self.standardDeviation(n as PyValue)),
      si_unit_conversion: method([required("value"), required("unit_in"), required("unit_out")], (self, [v, i, o]) => self.siUnitConversion(v as PyValue, i as PyValue, o as PyValue)),
      imperial_si_conversion: method([required("value"), required("unit_in"), required("unit_out")], (self, [v, i, o]) => self.imperialSiConversion(v as PyValue, i as PyValue, o as PyValue)),
      add: method(two("a", "b"), (self, [a, b]) => self.add(a as PyValue, b as PyValue)),
      subtract: method(two("a", "b"), (self, [a, b]) => self.subtract(a as PyValue, b as PyValue)),
      multiply: method(two("a", "b"), (self, [a, b]) => self.multiply(a as PyValue, b as PyValue)),
      divide: method(two("a", "b"), (self, [a, b]) => self.divide(a as PyValue, b as PyValue)),
      power: method(two("base", "exponent"), (self, [a, b]) => self.power(a as PyValue, b as PyValue)),
      square_root: method(two("number", "precision"), (self, [n, p]) => self.squareRoot(n as PyValue, p as PyValue)),
      absolute_value: method([required("number")], (self, [n]) => self.absoluteValue(n as PyValue)),
      round_number: method([required("number"), optional("decimal_places", 0n)], (self, [n, d]) => self.roundNumber(n as PyValue, d as PyValue)),
      percentage: method(two("part", "whole"), (self, [a, b]) => self.percentage(a as PyValue, b as PyValue)),
      min_value: method([required("numbers")], (self, [n]) => self.listReduction(n as PyValue, "Cannot find minimum of an empty list", pyMin)),
      max_value: method([required("numbers")], (self, [n]) => self.listReduction(n as PyValue, "Cannot find maximum of an empty list", pyMax)),
      sum_values: method([required("numbers")], (self, [n]) => self.listReduction(n as PyValue, "Cannot calculate sum of an empty list", pySum)),
    };
  }
}

