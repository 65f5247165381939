// The failures BFCL counts as "could not decode": any exception its decoder raises, modelled as these classes.
import { PyEvalError } from "../../../python/evaluate.js";
import { PyJsonError } from "../../../python/py-json.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "../../../python/python-ast.js";
import { PyTypeError } from "../../../python/py-value.js";

/** Where BFCL's decoder raises AttributeError, IndexError, TypeError or AssertionError on the model's output. */
export class DecodeError extends Error {
  override readonly name = "DecodeError";
}

/** True for the exceptions BFCL's `try: decode … except Exception` swallows; anything else is a bug here and propagates. */
export function isDecodeFailure(error: unknown): error is Error {
  return (
    error instanceof DecodeError ||
    error instanceof PySyntaxError ||
    error instanceof PyUnsupportedSyntaxError ||
    error instanceof PyJsonError ||
    error instanceof PyTypeError ||
    error instanceof PyEvalError
  );
}
