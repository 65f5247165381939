// Which exceptions count as "the model output did not decode" and which are bugs that must propagate.
import { describe, expect, it } from "vitest";
import { PyEvalError } from "../../../python/evaluate.js";
import { PyJsonError } from "../../../python/py-json.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "../../../python/python-ast.js";
import { PyTypeError } from "../../../python/py-value.js";
import { DecodeError, isDecodeFailure } from "./decode-error.js";

describe("isDecodeFailure", () => {
  it("accepts the Python-side exceptions BFCL's `except Exception` swallows", () => {
    for (const error of [new DecodeError("x"), new PySyntaxError("x", 0), new PyUnsupportedSyntaxError("x"), new PyJsonError("x", 0), new PyTypeError("x"), new PyEvalError("x")]) {
      expect(isDecodeFailure(error), error.name).toBe(true);
    }
  });
  it("rejects anything else, so a bug here is not scored as a model error", () => {
    expect(isDecodeFailure(new TypeError("undefined is not a function"))).toBe(false);
    expect(isDecodeFailure("string")).toBe(false);
  });
});
