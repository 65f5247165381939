// Evaluates the arithmetic BFCL hands to Python's eval() (a binary operation in an argument): the module's one evaluator
// (runtime/evaluate.ts) with no names defined, its Python exceptions reported as BFCL reports them.
import type { PyNode } from "./python-ast.js";
import type { PyValue } from "./py-value.js";
import { evaluate as evaluateExpression } from "./runtime/evaluate.js";
import { PyException } from "./runtime/exceptions.js";

/** What Python's eval() would raise here (NameError, TypeError, ZeroDivisionError, …), or a construct not modelled. */
export class PyEvalError extends Error {
  override readonly name = "PyEvalError";
}

const noNames = (): undefined => undefined;

/** eval(ast.unparse(node)) for constants, containers, arithmetic, comparisons and boolean logic. */
export function evaluate(node: PyNode): PyValue {
  try {
    return evaluateExpression(node, noNames);
  } catch (error) {
    // Python's str(e) is the bare message, which is what BFCL reports for a failed decode.
    if (error instanceof PyException) throw new PyEvalError(error.pyMessage);
    throw error;
  }
}
