// Evaluates the arithmetic BFCL hands to Python's eval() (a binary operation in an argument), with Python's numeric rules.
import type { BinOperator, PyNode } from "./python-ast.js";
import type { PyValue } from "./py-value.js";
import { PyDict, PyTuple, pyEquals, pyTruthy, pyTypeName } from "./py-value.js";
import { PyComplex } from "./py-complex.js";

/** What Python's eval() would raise here (NameError, TypeError, ZeroDivisionError, …), or a construct not modelled. */
export class PyEvalError extends Error {
  override readonly name = "PyEvalError";
}

/** eval(ast.unparse(node)) for constants, containers, arithmetic, comparisons and boolean logic. */
export function evaluate(node: PyNode): PyValue {
  switch (node.type) {
    case "Constant":
      if (node.ellipsis) throw new PyEvalError("Ellipsis is not modelled");
      return node.value;
    case "List":
      return node.elts.map(evaluate);
    case "Tuple":
      return new PyTuple(node.elts.map(evaluate));
    case "Dict": {
      const dict = new PyDict();
      node.keys.forEach((key, i) => {
        if (key === null) throw new PyEvalError("dict unpacking is not modelled");
        dict.set(evaluate(key), evaluate(node.values[i] as PyNode));
      });
      return dict;
    }
    case "UnaryOp":
      return unary(node.op, evaluate(node.operand));
    case "BinOp":
      return binary(node.op, evaluate(node.left), evaluate(node.right));
    case "BoolOp": {
      let value: PyValue = null;
      for (const operand of node.values) {
        value = evaluate(operand);
        if (node.op === "and" ? !pyTruthy(value) : pyTruthy(value)) return value;
      }
      return value;
    }
    case "Compare": {
      let left = evaluate(node.left);
      for (let i = 0; i < node.ops.length; i++) {
        const right = evaluate(node.comparators[i] as PyNode);
        if (!compare(node.ops[i] as string, left, right)) return false;
        left = right;
      }
      return true;
    }
    case "IfExp":
      return pyTruthy(evaluate(node.test)) ? evaluate(node.body) : evaluate(node.orelse);
    case "Name":
      throw new PyEvalError(`name '${node.id}' is not defined`);
    default:
      throw new PyEvalError(`${node.type} is not evaluated`);
  }
}

type Real = bigint | number;

function asReal(value: PyValue): Real | undefined {
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "bigint" || typeof value === "number") return value;
  return undefined;
}

function toFloat(value: Real): number {
  if (typeof value === "number") return value;
  const float = Number(value);
  if (!Number.isFinite(float)) throw new PyEvalError("int too large to convert to float");
  return float;
}

function unary(op: string, value: PyValue): PyValue {
  if (op === "not") return !pyTruthy(value);
  if (value instanceof PyComplex) throw new PyEvalError("complex arithmetic is not modelled");
  const real = asReal(value);
  if (real === undefined) throw new PyEvalError(`bad operand type for unary ${op}: '${pyTypeName(value)}'`);
  if (op === "~") {
    if (typeof real !== "bigint") throw new PyEvalError("bad operand type for unary ~: 'float'");
    return ~real;
  }
  return op === "-" ? -real : real;
}

function binary(op: BinOperator, left: PyValue, right: PyValue): PyValue {
  const a = asReal(left);
  const b = asReal(right);
  if (a !== undefined && b !== undefined) return typeof a === "bigint" && typeof b === "bigint" ? intOp(op, a, b) : floatOp(op, toFloat(a), toFloat(b));
  return sequenceOp(op, left, right);
}

function intOp(op: BinOperator, a: bigint, b: bigint): PyValue {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0n) throw new PyEvalError("division by zero");
      return Number(a) / Number(b);
    case "//":
      if (b === 0n) throw new PyEvalError("integer division or modulo by zero");
      return floorDiv(a, b);
    case "%":
      if (b === 0n) throw new PyEvalError("integer division or modulo by zero");
      return a - floorDiv(a, b) * b;
    case "**":
      if (b < 0n) {
        if (a === 0n) throw new PyEvalError("0.0 cannot be raised to a negative power");
        return floatOp("**", toFloat(a), toFloat(b));
      }
      if (b > 100_000n && a !== 0n && a !== 1n && a !== -1n) throw new PyEvalError("exponent too large to model");
      return a ** b;
    case "<<":
    case ">>":
      if (b < 0n) throw new PyEvalError("negative shift count");
      return op === "<<" ? a << b : a >> b;
    case "|":
      return a | b;
    case "^":
      return a ^ b;
    case "&":
      return a & b;
    case "@":
      throw new PyEvalError("unsupported operand type(s) for @: 'int' and 'int'");
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

function floatOp(op: BinOperator, a: number, b: number): PyValue {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new PyEvalError("float division by zero");
      return a / b;
    case "//":
    case "%": {
      if (b === 0) throw new PyEvalError("float floor division by zero");
      const { div, mod } = floatDivMod(a, b);
      return op === "//" ? div : mod;
    }
    case "**":
      return floatPow(a, b);
    default:
      throw new PyEvalError(`unsupported operand type(s) for ${op}: 'float'`);
  }
}

/** CPython's float divmod: the remainder takes the divisor's sign and the quotient is corrected to the nearest integer. */
function floatDivMod(a: number, b: number): { div: number; mod: number } {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  let floorDivision: number;
  if (div) {
    floorDivision = Math.floor(div);
    if (div - floorDivision > 0.5) floorDivision += 1;
  } else {
    floorDivision = a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  }
  return { div: floorDivision, mod };
}

function floatPow(a: number, b: number): number {
  if (b === 0 || a === 1) return 1;
  if (a === 0 && b < 0) throw new PyEvalError("0.0 cannot be raised to a negative power");
  if (a < 0 && Number.isFinite(b) && !Number.isInteger(b)) throw new PyEvalError("a negative base to a fractional power is complex");
  const result = a ** b;
  if (!Number.isFinite(result) && Number.isFinite(a) && Number.isFinite(b)) throw new PyEvalError("Numerical result out of range");
  return result;
}

function sequenceOp(op: BinOperator, left: PyValue, right: PyValue): PyValue {
  if (op === "+") {
    if (typeof left === "string" && typeof right === "string") return left + right;
    if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
    if (left instanceof PyTuple && right instanceof PyTuple) return new PyTuple([...left.items, ...right.items]);
  }
  if (op === "*") {
    const [sequence, count] = asReal(right) !== undefined ? [left, asReal(right)] : [right, asReal(left)];
    if (typeof count === "bigint") {
      const times = count > 0n ? Number(count) : 0;
      if (typeof sequence === "string") return sequence.repeat(times);
      if (Array.isArray(sequence)) return Array.from({ length: times }, () => sequence).flat();
      if (sequence instanceof PyTuple) return new PyTuple(Array.from({ length: times }, () => sequence.items).flat());
    }
  }
  throw new PyEvalError(`unsupported operand type(s) for ${op}: '${pyTypeName(left)}' and '${pyTypeName(right)}'`);
}

function compare(op: string, left: PyValue, right: PyValue): boolean {
  switch (op) {
    case "==":
      return pyEquals(left, right);
    case "!=":
      return !pyEquals(left, right);
    case "in":
    case "not in": {
      let found: boolean;
      if (typeof right === "string" && typeof left === "string") found = right.includes(left);
      else if (Array.isArray(right)) found = right.some((item) => pyEquals(left, item));
      else if (right instanceof PyTuple) found = right.items.some((item) => pyEquals(left, item));
      else if (right instanceof PyDict) found = right.has(left);
      else throw new PyEvalError(`argument of type '${pyTypeName(right)}' is not iterable`);
      return op === "in" ? found : !found;
    }
  }
  const a = asReal(left);
  const b = asReal(right);
  let order: number;
  if (a !== undefined && b !== undefined) order = typeof a === "bigint" && typeof b === "bigint" ? Number(a > b) - Number(a < b) : Math.sign(Number(a) - Number(b));
  else if (typeof left === "string" && typeof right === "string") order = left < right ? -1 : left > right ? 1 : 0;
  else throw new PyEvalError(`'${op}' is not modelled between '${pyTypeName(left)}' and '${pyTypeName(right)}'`);
  switch (op) {
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    default:
      throw new PyEvalError(`'${op}' comparisons are not modelled`);
  }
}
