// Evaluates a parsed call expression like Python's eval(): names resolve to API instances, calls bind and run methods.
import type { Expression } from "./call-syntax.js";
import { PyException, attributeError, typeError } from "./exceptions.js";
import { pyNegate } from "./operators.js";
import { PyDict, PyInstance, PySet, PyTuple, isPyNumber, pyTypeName, type PyValue } from "../py-value.js";

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

export function evaluate(expression: Expression, resolve: NameResolver): PyValue {
  switch (expression.kind) {
    case "constant":
      return expression.value;
    case "name": {
      const value = resolve(expression.id);
      if (value === undefined) throw new PyException("NameError", `name '${expression.id}' is not defined`);
      return value;
    }
    case "attribute": {
      const target = evaluate(expression.target, resolve);
      const value = target instanceof ScriptObject ? target.attribute(expression.attribute) : undefined;
      if (value === undefined) throw attributeError(pyTypeName(target), expression.attribute);
      return value;
    }
    case "call": {
      const callee = evaluate(expression.callee, resolve);
      const positional = expression.args.map((arg) => evaluate(arg, resolve));
      const keywords = expression.keywords.map(({ name, value }) => [name, evaluate(value, resolve)] as [string, PyValue]);
      if (!(callee instanceof BoundMethod)) throw typeError(`'${pyTypeName(callee)}' object is not callable`);
      return callee.invoke(positional, keywords);
    }
    case "list":
      return expression.items.map((item) => evaluate(item, resolve));
    case "tuple":
      return new PyTuple(expression.items.map((item) => evaluate(item, resolve)));
    case "set":
      return PySet.of(expression.items.map((item) => evaluate(item, resolve)));
    case "dict":
      return PyDict.of(expression.entries.map(({ key, value }) => [evaluate(key, resolve), evaluate(value, resolve)] as const));
    case "negate":
      return pyNegate(evaluate(expression.operand, resolve));
    case "plus": {
      const operand = evaluate(expression.operand, resolve);
      if (typeof operand === "boolean") return operand ? 1n : 0n;
      if (!isPyNumber(operand)) throw typeError(`bad operand type for unary +: '${pyTypeName(operand)}'`);
      return operand;
    }
  }
}
