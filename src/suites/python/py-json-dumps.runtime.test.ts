// json.dumps with Python's defaults.
import { describe, expect, it } from "vitest";
import { PyException } from "./runtime/exceptions.js";
import { dumpsPyJson } from "./py-json.js";
import { Mpf } from "./runtime/mpmath.js";
import { ZERO } from "./runtime/binary-float.js";
import { PyDict, PyTuple } from "./py-value.js";

describe("dumpsPyJson", () => {
  it("matches CPython's output, ASCII-escaped, keys converted", () => {
    const value = PyDict.of([
      ["a", "é\u2019\n\x7f"],
      ["b", [1n, 2.0, null, true]],
      [3n, Number.NaN],
      [1.5, "x"],
    ]);
    expect(dumpsPyJson(value)).toBe('{"a": "\\u00e9\\u2019\\n\\u007f", "b": [1, 2.0, null, true], "3": NaN, "1.5": "x"}');
    expect(dumpsPyJson(new PyTuple([1n]))).toBe("[1]");
    expect(dumpsPyJson("\u{1F600}")).toBe('"\\ud83d\\ude00"');
  });

  it("raises TypeError for objects JSON cannot hold, which makes the checker fall back to str()", () => {
    expect(() => dumpsPyJson(PyDict.fromRecord({ result: new Mpf(ZERO, 7) }))).toThrow(PyException);
    expect(() => dumpsPyJson(PyDict.of([[new PyTuple([]), 1n]]))).toThrow(/keys must be str, int, float, bool or None, not tuple/);
  });
});
