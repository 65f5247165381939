// Evaluates the arithmetic BFCL hands to Python's eval() (a binary operation in an argument), with Python's numeric rules.
// The operators themselves are the runtime's (runtime/operators.ts), so Python's arithmetic exists once.
import type { CompareOperator, PyNode } from "./python-ast.js";
import type { PyValue } from "./py-value.js";
import { PyDict, PyTuple, pyTruthy } from "./py-value.js";
import { PyException } from "./runtime/exceptions.js";
import { pyBinary, pyComparison, pyUnary } from "./runtime/operators.js";

/** What Python's eval() would raise here (NameError, TypeError, ZeroDivisionError, …), or a construct not modelled. */
export class PyEvalError extends Error {
  override readonly name = "PyEvalError";
}

/** eval(ast.unparse(node)) for constants, containers, arithmetic, comparisons and boolean logic. */
export function evaluate(node: PyNode): PyValue {
  try {
    return evaluateNode(node);
  } catch (error) {
    // Python's str(e) is the bare message, which is what BFCL reports for a failed decode.
    if (error instanceof PyException) throw new PyEvalError(error.pyMessage);
    throw error;
  }
}

function evaluateNode(node: PyNode): PyValue {
  switch (node.type) {
    case "Constant":
      if (node.ellipsis) throw new PyEvalError("Ellipsis is not modelled");
      return node.value;
    case "List":
      return node.elts.map(evaluateNode);
    case "Tuple":
      return new PyTuple(node.elts.map(evaluateNode));
    case "Dict": {
      const dict = new PyDict();
      node.keys.forEach((key, i) => {
        if (key === null) throw new PyEvalError("dict unpacking is not modelled");
        dict.set(evaluateNode(key), evaluateNode(node.values[i] as PyNode));
      });
      return dict;
    }
    case "UnaryOp":
      return pyUnary(node.op, evaluateNode(node.operand));
    case "BinOp": {
      const left = evaluateNode(node.left);
      const right = evaluateNode(node.right);
      // CPython would compute a huge power for minutes and gigabytes; a model's output never needs one.
      if (node.op === "**" && typeof right === "bigint" && right > 100_000n && typeof left === "bigint" && left !== 0n && left !== 1n && left !== -1n) {
        throw new PyEvalError("exponent too large to model");
      }
      return pyBinary(node.op, left, right);
    }
    case "BoolOp": {
      let value: PyValue = null;
      for (const operand of node.values) {
        value = evaluateNode(operand);
        if (node.op === "and" ? !pyTruthy(value) : pyTruthy(value)) return value;
      }
      return value;
    }
    case "Compare": {
      let left = evaluateNode(node.left);
      for (let i = 0; i < node.ops.length; i++) {
        const right = evaluateNode(node.comparators[i] as PyNode);
        if (!compare(node.ops[i] as CompareOperator, left, right)) return false;
        left = right;
      }
      return true;
    }
    case "IfExp":
      return pyTruthy(evaluateNode(node.test)) ? evaluateNode(node.body) : evaluateNode(node.orelse);
    case "Name":
      throw new PyEvalError(`name '${node.id}' is not defined`);
    default:
      throw new PyEvalError(`${node.type} is not evaluated`);
  }
}

function compare(op: CompareOperator, left: PyValue, right: PyValue): boolean {
  if (op === "is" || op === "is not") throw new PyEvalError(`'${op}' comparisons are not modelled`);
  return pyComparison(op, left, right);
}
