// json.dumps with Python's defaults.
import { describe, expect, it } from "vitest";
import { PyException } from "./exceptions.js";
import { jsonDumps } from "./json-dumps.js";
import { Mpf } from "./mpmath.js";
import { ZERO } from "./binary-float.js";
import { PyDict, PyTuple } from "./values.js";

describe("jsonDumps", () => {
  it("matches CPython's output, ASCII-escaped, keys converted", () => {
    const value = PyDict.of([
      ["a", "é\u2019\n\x7f"],
      ["b", [1n, 2.0, null, true]],
      [3n, Number.NaN],
      [1.5, "x"],
    ]);
    expect(jsonDumps(value)).toBe('{"a": "\\u00e9\\u2019\\n\\u007f", "b": [1, 2.0, null, true], "3": NaN, "1.5": "x"}');
    expect(jsonDumps(new PyTuple([1n]))).toBe("[1]");
    expect(jsonDumps("\u{1F600}")).toBe('"\\ud83d\\ude00"');
  });

  it("raises TypeError for objects JSON cannot hold, which makes the checker fall back to str()", () => {
    expect(() => jsonDumps(PyDict.fromRecord({ result: new Mpf(ZERO, 7) }))).toThrow(PyException);
    expect(() => jsonDumps(PyDict.of([[new PyTuple([]), 1n]]))).toThrow(/keys must be str, int, float, bool or None, not tuple/);
  });
});
