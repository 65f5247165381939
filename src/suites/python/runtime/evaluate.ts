// Evaluates a parsed call expression like Python's eval(): names resolve to API instances, calls bind and run methods.
import type { PyNode } from "../python-ast.js";
import { PyException, attributeError, typeError } from "./exceptions.js";
import { pyUnary } from "./operators.js";
import { PyDict, PyInstance, PySet, PyTuple, pyTypeName, type PyValue } from "../py-value.js";

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

export function evaluate(node: PyNode, resolve: NameResolver): PyValue {
  switch (node.type) {
    case "Constant":
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
      return PyDict.of(node.keys.map((key, index) => [evaluate(key as PyNode, resolve), evaluate(node.values[index] as PyNode, resolve)] as const));
    case "UnaryOp":
      // call-syntax admits only signed numbers here.
      if (node.op === "-" || node.op === "+") return pyUnary(node.op, evaluate(node.operand, resolve));
      break;
  }
  // parseExpression admits nothing else.
  throw new PyException("SyntaxError", `${node.type} expressions are not evaluated`);
}
