// Evaluates a parsed expression like Python's eval(): names resolve to API instances, calls bind and run methods.
import type { CompareOperator, PyNode } from "../python-ast.js";
import { PyException, attributeError, typeError } from "./exceptions.js";
import { pyBinary, pyComparison, pyUnary } from "./operators.js";
import { PyDict, PyInstance, PySet, PyTuple, pyTruthy, pyTypeName, type PyValue } from "../py-value.js";

/** A method bound to an instance, as `instance.method` evaluates to. */
export class BoundMethod extends PyInstance {
  readonly pyTypeName = "method";
  constructor(
    readonly qualname: string,
    readonly invoke: (positional: PyValue[], keywords: [string, PyValue][]) => PyValue,
  ) {
    super();
  }
  repr(): string {
    return `<bound method ${this.qualname} of <object>>`;
  }
  equals(other: PyValue): boolean {
    return other === this;
  }
}

/** An object that names can refer to in the evaluated code (an API instance). */
export abstract class ScriptObject extends PyInstance {
  /** The bound method or public attribute called `name`, or undefined when there is none. */
  abstract attribute(name: string): PyValue | undefined;
  repr(): string {
    return `<${this.pyTypeName} object>`;
  }
  equals(other: PyValue): boolean {
    return other === this;
  }
}

/** What a name in the evaluated code refers to, or undefined (NameError). */
export type NameResolver = (name: string) => PyValue | undefined;

/**
 * Python's eval() of one expression, the single evaluator of the module: the multi-turn runtime runs calls with it
 * (names resolve to API instances), the BFCL decoder its arithmetic (../evaluate.ts, no names). Operators are
 * ./operators.ts. A node it does not model raises SyntaxError; call-syntax.ts admits only what the runtime needs.
 */
export function evaluate(node: PyNode, resolve: NameResolver): PyValue {
  switch (node.type) {
    case "Constant":
      if (node.ellipsis) break;
      return node.value;
    case "Name": {
      const value = resolve(node.id);
      if (value === undefined) throw new PyException("NameError", `name '${node.id}' is not defined`);
      return value;
    }
    case "Attribute": {
      const target = evaluate(node.value, resolve);
      const value = target instanceof ScriptObject ? target.attribute(node.attr) : undefined;
      if (value === undefined) throw attributeError(pyTypeName(target), node.attr);
      return value;
    }
    case "Call": {
      const callee = evaluate(node.func, resolve);
      const positional = node.args.map((arg) => evaluate(arg, resolve));
      const keywords = node.keywords.map(({ arg, value }) => [arg as string, evaluate(value, resolve)] as [string, PyValue]);
      if (!(callee instanceof BoundMethod)) throw typeError(`'${pyTypeName(callee)}' object is not callable`);
      return callee.invoke(positional, keywords);
    }
    case "List":
      return node.elts.map((item) => evaluate(item, resolve));
    case "Tuple":
      return new PyTuple(node.elts.map((item) => evaluate(item, resolve)));
    case "Set":
      return PySet.of(node.elts.map((item) => evaluate(item, resolve)));
    case "Dict":
      if (node.keys.includes(null)) break;
      return PyDict.of(node.keys.map((key, index) => [evaluate(key as PyNode, resolve), evaluate(node.values[index] as PyNode, resolve)] as const));
    case "UnaryOp":
      return pyUnary(node.op, evaluate(node.operand, resolve));
    case "BinOp": {
      const left = evaluate(node.left, resolve);
      const right = evaluate(node.right, resolve);
      // CPython would compute a huge power for minutes and gigabytes; no model output or API needs one.
      if (node.op === "**" && typeof right === "bigint" && right > 100_000n && typeof left === "bigint" && left !== 0n && left !== 1n && left !== -1n) {
        throw new PyException("MemoryError", "exponent too large to model");
      }
      return pyBinary(node.op, left, right);
    }
    case "BoolOp": {
      let value: PyValue = null;
      for (const operand of node.values) {
        value = evaluate(operand, resolve);
        if (node.op === "and" ? !pyTruthy(value) : pyTruthy(value)) return value;
      }
      return value;
    }
    case "Compare": {
      // Identity is not modelled: Python's `is` depends on object caching.
      if (node.ops.some((op) => op === "is" || op === "is not")) break;
      let left = evaluate(node.left, resolve);
      for (let index = 0; index < node.ops.length; index++) {
        const right = evaluate(node.comparators[index] as PyNode, resolve);
        if (!pyComparison(node.ops[index] as Exclude<CompareOperator, "is" | "is not">, left, right)) return false;
        left = right;
      }
      return true;
    }
    case "IfExp":
      return pyTruthy(evaluate(node.test, resolve)) ? evaluate(node.body, resolve) : evaluate(node.orelse, resolve);
  }
  throw new PyException("SyntaxError", `${node.type === "Constant" ? "Ellipsis" : node.type} expressions are not evaluated`);
}
