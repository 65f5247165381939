// Python operators on PyValues: arithmetic, comparison, `in`, len() and iteration, with Python's TypeError messages.
import { complexPower } from "./complex.js";
import { PyException, typeError } from "./exceptions.js";
import { powPositive } from "./libm.js";
import { pyStrRepr } from "../py-repr.js";
import { PY_WHITESPACE_CLASS } from "./str-methods.js";
import type { BinOperator, CompareOperator, UnaryOperator } from "../python-ast.js";
import { PyDict, PySet, PyTuple, isPyNumber, pyEquals, pyTruthy, pyTypeName, type PyValue } from "../py-value.js";

type Numeric = bigint | number;

function asNumeric(value: bigint | number | boolean): Numeric {
  return typeof value === "boolean" ? (value ? 1n : 0n) : value;
}

/** `float(int)` as Python converts it: correctly rounded, OverflowError past the largest double. */
export function intToFloat(value: bigint): number {
  const converted = Number(value);
  if (!Number.isFinite(converted)) throw new PyException("OverflowError", "int too large to convert to float");
  return converted;
}

function unsupported(operator: string, a: PyValue, b: PyValue): PyException {
  return typeError(`unsupported operand type(s) for ${operator}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Both operands as numbers of a common kind, or undefined when either is not a number. */
function coerce(a: PyValue, b: PyValue): [bigint, bigint] | [number, number] | undefined {
  if (!isPyNumber(a) || !isPyNumber(b)) return undefined;
  const x = asNumeric(a);
  const y = asNumeric(b);
  if (typeof x === "bigint" && typeof y === "bigint") return [x, y];
  return [typeof x === "bigint" ? intToFloat(x) : x, typeof y === "bigint" ? intToFloat(y) : y];
}

export function pyAdd(a: PyValue, b: PyValue, operator = "+"): PyValue {
  const pair = coerce(a, b);
  if (pair) return (pair[0] as number) + (pair[1] as number);
  if (typeof a === "string") {
    if (typeof b === "string") return a + b;
    throw typeError(`can only concatenate str (not "${pyTypeName(b)}") to str`);
  }
  if (Array.isArray(a)) {
    if (Array.isArray(b)) return [...a, ...b];
    throw typeError(`can only concatenate list (not "${pyTypeName(b)}") to list`);
  }
  if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
  throw unsupported(operator, a, b);
}

export function pySub(a: PyValue, b: PyValue, operator = "-"): PyValue {
  const pair = coerce(a, b);
  if (pair) return (pair[0] as number) - (pair[1] as number);
  throw unsupported(operator, a, b);
}

export function pyMul(a: PyValue, b: PyValue, operator = "*"): PyValue {
  const pair = coerce(a, b);
  if (pair) return (pair[0] as number) * (pair[1] as number);
  const repeat = (sequence: PyValue, count: PyValue): PyValue | undefined => {
    if (typeof count !== "bigint" && typeof count !== "boolean") return undefined;
    const times = Math.max(0, Number(asNumeric(count)));
    if (typeof sequence === "string") return sequence.repeat(times);
    if (Array.isArray(sequence)) return Array.from({ length: times }, () => sequence).flat();
    if (sequence instanceof PyTuple) return new PyTuple(Array.from({ length: times }, () => sequence.items).flat());
    return undefined;
  };
  const repeated = repeat(a, b) ?? repeat(b, a);
  if (repeated !== undefined) return repeated;
  if ((typeof a === "string" || Array.isArray(a) || a instanceof PyTuple) && typeof b === "number") {
    throw typeError(`can't multiply sequence by non-int of type '${pyTypeName(b)}'`);
  }
  throw unsupported(operator, a, b);
}

export function pyTrueDivide(a: PyValue, b: PyValue, operator = "/"): number {
  const pair = coerce(a, b);
  if (!pair) throw unsupported(operator, a, b);
  if (typeof pair[0] === "bigint") {
    const [x, y] = pair as [bigint, bigint];
    if (y === 0n) throw new PyException("ZeroDivisionError", "division by zero");
    return intTrueDivide(x, y);
  }
  const [x, y] = pair as [number, number];
  if (y === 0) throw new PyException("ZeroDivisionError", "float division by zero");
  return x / y;
}

/** int / int: Python rounds the exact quotient once, which Number(x) / Number(y) also does while both are exact. */
function intTrueDivide(x: bigint, y: bigint): number {
  const limit = 2n ** 53n;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  if (abs(x) <= limit && abs(y) <= limit) return Number(x) / Number(y);
  const negative = x < 0n !== y < 0n;
  let numerator = abs(x);
  const denominator = abs(y);
  // Scale so the quotient carries 64 bits, then let Number() round the integer part with a sticky bit.
  const shift = 64 - (numerator.toString(2).length - denominator.toString(2).length);
  numerator = shift >= 0 ? numerator << BigInt(shift) : numerator >> BigInt(-shift);
  let quotient = numerator / denominator;
  if (quotient * denominator !== numerator) quotient |= 1n;
  const value = Number(quotient) * 2 ** -shift;
  return negative ? -value : value;
}

export function pyMod(a: PyValue, b: PyValue): PyValue {
  const pair = coerce(a, b);
  if (!pair) {
    if (typeof a === "string") throw typeError("not all arguments converted during string formatting");
    throw unsupported("%", a, b);
  }
  if (typeof pair[0] === "bigint") {
    const [x, y] = pair as [bigint, bigint];
    if (y === 0n) throw new PyException("ZeroDivisionError", "integer modulo by zero");
    const remainder = x % y;
    return remainder !== 0n && (remainder < 0n) !== (y < 0n) ? remainder + y : remainder;
  }
  const [x, y] = pair as [number, number];
  if (y === 0) throw new PyException("ZeroDivisionError", "float modulo by zero");
  let remainder = x % y;
  if (remainder !== 0) {
    if ((y < 0) !== (remainder < 0)) remainder += y;
  } else {
    remainder = y < 0 ? -0 : 0;
  }
  return remainder;
}

/** `a // b`: ints floor exactly; floats follow CPython's float divmod (the quotient corrected to the nearest integer). */
function pyFloorDivide(a: PyValue, b: PyValue): PyValue {
  const pair = coerce(a, b);
  if (!pair) throw unsupported("//", a, b);
  if (typeof pair[0] === "bigint") {
    const [x, y] = pair as [bigint, bigint];
    if (y === 0n) throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
    const quotient = x / y;
    return x % y !== 0n && x < 0n !== y < 0n ? quotient - 1n : quotient;
  }
  const [x, y] = pair as [number, number];
  if (y === 0) throw new PyException("ZeroDivisionError", "float floor division by zero");
  const remainder = x % y;
  let div = (x - remainder) / y;
  if (remainder && y < 0 !== remainder < 0) div -= 1;
  if (!div) return x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
  const floor = Math.floor(div);
  return div - floor > 0.5 ? floor + 1 : floor;
}

export function pyPow(a: PyValue, b: PyValue): PyValue {
  const pair = coerce(a, b);
  if (!pair) throw unsupported("** or pow()", a, b);
  if (typeof pair[0] === "bigint") {
    const [x, y] = pair as [bigint, bigint];
    if (y >= 0n) return x ** y;
    if (x === 0n) throw new PyException("ZeroDivisionError", "zero to a negative power");
    return floatPower(intToFloat(x), intToFloat(y));
  }
  return floatPower(...(pair as [number, number]));
}

/** float.__pow__: CPython's special cases, then the C library's pow (correctly rounded here). */
function floatPower(x: number, y: number): PyValue {
  if (y === 0) return 1.0;
  if (Number.isNaN(x)) return x;
  if (Number.isNaN(y)) return x === 1 ? 1.0 : y;
  const isOddInteger = (value: number) => Number.isInteger(value) && Math.abs(value % 2) === 1;
  if (!Number.isFinite(y)) {
    const magnitude = Math.abs(x);
    if (magnitude === 1) return 1.0;
    return (magnitude > 1) === (y > 0) ? Infinity : 0;
  }
  if (!Number.isFinite(x)) {
    if (x > 0) return y > 0 ? Infinity : 0;
    if (y > 0) return isOddInteger(y) ? -Infinity : Infinity;
    return isOddInteger(y) ? -0 : 0;
  }
  if (x === 0) {
    if (y < 0) throw new PyException("ZeroDivisionError", "zero to a negative power");
    return isOddInteger(y) ? x : 0;
  }
  let base = x;
  let negate = false;
  if (base < 0) {
    // A negative base to a fractional power is a complex number in Python 3.
    if (!Number.isInteger(y)) return complexPower(base, y);
    base = -base;
    negate = isOddInteger(y);
  }
  if (base === 1) return negate ? -1.0 : 1.0;
  const result = powPositive(base, y);
  if (!Number.isFinite(result)) throw new PyException("OverflowError", "(34, 'Numerical result out of range')");
  return negate ? -result : result;
}

function pyNegate(value: PyValue): PyValue {
  if (typeof value === "boolean") return value ? -1n : 0n;
  if (typeof value === "bigint") return -value;
  if (typeof value === "number") return -value;
  throw typeError(`bad operand type for unary -: '${pyTypeName(value)}'`);
}

/** `+value`. */
function pyPositive(value: PyValue): PyValue {
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "bigint" || typeof value === "number") return value;
  throw typeError(`bad operand type for unary +: '${pyTypeName(value)}'`);
}

/** `~value`: ints (and bools) only. */
function pyInvert(value: PyValue): PyValue {
  if (typeof value === "boolean") return value ? -2n : -1n;
  if (typeof value === "bigint") return ~value;
  throw typeError(`bad operand type for unary ~: '${pyTypeName(value)}'`);
}

/** The int operators `<<`, `>>`, `&`, `|`, `^` (bools count as ints; `&`, `|`, `^` of two bools stay bools). */
function pyBitwise(operator: "<<" | ">>" | "&" | "|" | "^", a: PyValue, b: PyValue): PyValue {
  const x = typeof a === "boolean" ? (a ? 1n : 0n) : a;
  const y = typeof b === "boolean" ? (b ? 1n : 0n) : b;
  if (typeof x !== "bigint" || typeof y !== "bigint") throw unsupported(operator, a, b);
  switch (operator) {
    case "<<":
    case ">>":
      if (y < 0n) throw new PyException("ValueError", "negative shift count");
      return operator === "<<" ? x << y : x >> y;
    case "&":
      return typeof a === "boolean" && typeof b === "boolean" ? a && b : x & y;
    case "|":
      return typeof a === "boolean" && typeof b === "boolean" ? a || b : x | y;
    case "^":
      return typeof a === "boolean" && typeof b === "boolean" ? a !== b : x ^ y;
  }
}

/** Python's binary operators by their symbol: the one dispatch the checker's eval() and the runtime share. */
export function pyBinary(operator: BinOperator, a: PyValue, b: PyValue): PyValue {
  switch (operator) {
    case "+":
      return pyAdd(a, b);
    case "-":
      return pySub(a, b);
    case "*":
      return pyMul(a, b);
    case "/":
      return pyTrueDivide(a, b);
    case "//":
      return pyFloorDivide(a, b);
    case "%":
      return pyMod(a, b);
    case "**":
      return pyPow(a, b);
    case "@":
      throw unsupported("@", a, b);
    default:
      return pyBitwise(operator, a, b);
  }
}

/** Python's unary operators: `-`, `+`, `~`, `not`. */
export function pyUnary(operator: UnaryOperator, value: PyValue): PyValue {
  switch (operator) {
    case "-":
      return pyNegate(value);
    case "+":
      return pyPositive(value);
    case "~":
      return pyInvert(value);
    case "not":
      return !pyTruthy(value);
  }
}

export function pyAbs(value: PyValue): PyValue {
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "bigint") return value < 0n ? -value : value;
  if (typeof value === "number") return Math.abs(value);
  throw typeError(`bad operand type for abs(): '${pyTypeName(value)}'`);
}

function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (left[index] as string).codePointAt(0)! - (right[index] as string).codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** Orders two numbers exactly (an int and a float are compared by value, not after rounding the int). */
function compareNumbers(a: Numeric, b: Numeric): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN;
  const int = (typeof a === "bigint" ? a : b) as bigint;
  const float = (typeof a === "number" ? a : b) as number;
  let order: number;
  if (Number.isNaN(float)) order = Number.NaN;
  else if (!Number.isFinite(float)) order = float > 0 ? -1 : 1;
  else {
    const floor = BigInt(Math.floor(float));
    order = int < floor ? -1 : int > floor ? 1 : Number.isInteger(float) ? 0 : -1;
  }
  return typeof a === "bigint" ? order : -order;
}

/**
 * Three-way comparison for `<`, `<=`, `>`, `>=`; NaN when unordered (a NaN is involved).
 * Raises TypeError for operands Python cannot order, naming the operator.
 */
export function pyCompare(a: PyValue, b: PyValue, operator: "<" | "<=" | ">" | ">="): number {
  if (isPyNumber(a) && isPyNumber(b)) return compareNumbers(asNumeric(a), asNumeric(b));
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  const sequences = (x: PyValue, y: PyValue): [readonly PyValue[], readonly PyValue[]] | undefined => {
    if (Array.isArray(x) && Array.isArray(y)) return [x, y];
    if (x instanceof PyTuple && y instanceof PyTuple) return [x.items, y.items];
    return undefined;
  };
  const pair = sequences(a, b);
  if (pair) {
    const [left, right] = pair;
    const length = Math.min(left.length, right.length);
    for (let index = 0; index < length; index += 1) {
      const x = left[index] as PyValue;
      const y = right[index] as PyValue;
      if (!pyEquals(x, y)) return pyCompare(x, y, operator);
    }
    return left.length - right.length;
  }
  throw typeError(`'${operator}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** `a <op> b` for Python's value comparisons (`==`, `!=`, ordering, `in`, `not in`); identity (`is`) is not among them. */
export function pyComparison(operator: Exclude<CompareOperator, "is" | "is not">, a: PyValue, b: PyValue): boolean {
  switch (operator) {
    case "==":
      return pyEquals(a, b);
    case "!=":
      return !pyEquals(a, b);
    case "in":
      return pyContains(b, a);
    case "not in":
      return !pyContains(b, a);
    case "<":
      return pyCompare(a, b, operator) < 0;
    case "<=":
      return pyCompare(a, b, operator) <= 0;
    case ">":
      return pyCompare(a, b, operator) > 0;
    case ">=":
      return pyCompare(a, b, operator) >= 0;
  }
}

export const pyLt = (a: PyValue, b: PyValue): boolean => pyCompare(a, b, "<") < 0;
export const pyLe = (a: PyValue, b: PyValue): boolean => pyCompare(a, b, "<=") <= 0;
export const pyGt = (a: PyValue, b: PyValue): boolean => pyCompare(a, b, ">") > 0;
export const pyGe = (a: PyValue, b: PyValue): boolean => pyCompare(a, b, ">=") >= 0;

/** `item in container`. */
export function pyContains(container: PyValue, item: PyValue): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string") throw typeError(`'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((member) => member === item || pyEquals(member, item));
  if (container instanceof PyTuple) return container.items.some((member) => member === item || pyEquals(member, item));
  if (container instanceof PyDict) return container.has(item);
  if (container instanceof PySet) return container.has(item);
  throw typeError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** `len(value)`; a str counts code points. */
export function pyLen(value: PyValue): number {
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (value instanceof PyTuple) return value.items.length;
  if (value instanceof PyDict || value instanceof PySet) return value.size;
  throw typeError(`object of type '${pyTypeName(value)}' has no len()`);
}

/** The items a `for` loop over the value visits. */
export function pyIterate(value: PyValue): PyValue[] {
  if (typeof value === "string") return [...value];
  if (Array.isArray(value)) return [...value];
  if (value instanceof PyTuple) return [...value.items];
  if (value instanceof PyDict) return value.keys();
  if (value instanceof PySet) return value.values();
  throw typeError(`'${pyTypeName(value)}' object is not iterable`);
}

/** `float(value)`. */
export function pyFloat(value: PyValue): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return intToFloat(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const parsed = parseFloatLiteral(value);
    if (parsed === undefined) throw new PyException("ValueError", `could not convert string to float: ${pyStrRepr(value)}`);
    return parsed;
  }
  throw typeError(`float() argument must be a string or a real number, not '${pyTypeName(value)}'`);
}

const PY_WHITESPACE = new RegExp(`^[${PY_WHITESPACE_CLASS}]+|[${PY_WHITESPACE_CLASS}]+$`, "gu");

/** The float a string spells under Python's float() rules, or undefined. */
export function parseFloatLiteral(text: string): number | undefined {
  const trimmed = text.replace(PY_WHITESPACE, "");
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(trimmed);
  if (special) {
    if (special[2]?.toLowerCase() === "nan") return Number.NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  const digits = "\\d(?:_?\\d)*";
  const pattern = new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`);
  if (!pattern.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll("_", ""));
}

/** `int(value)` for the conversions the APIs perform. */
export function pyInt(value: PyValue): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "number") {
    if (Number.isNaN(value)) throw new PyException("ValueError", "cannot convert float NaN to integer");
    if (!Number.isFinite(value)) throw new PyException("OverflowError", "cannot convert float infinity to integer");
    return BigInt(Math.trunc(value));
  }
  if (typeof value === "string") {
    const trimmed = value.replace(PY_WHITESPACE, "");
    if (!/^[+-]?\d(?:_?\d)*$/.test(trimmed)) {
      throw new PyException("ValueError", `invalid literal for int() with base 10: ${pyStrRepr(value)}`);
    }
    return BigInt(trimmed.replaceAll("_", ""));
  }
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`);
}

/** `d[key]` for a dict or a list (other containers are not subscripted by the APIs). */
export function pyGetItem(container: PyValue, key: PyValue, reprOf: (value: PyValue) => string): PyValue {
  if (container instanceof PyDict) return container.getItem(key, reprOf);
  if (Array.isArray(container)) {
    if (typeof key !== "bigint" && typeof key !== "boolean") {
      throw typeError(`list indices must be integers or slices, not ${pyTypeName(key)}`);
    }
    const index = Number(asNumeric(key));
    const resolved = index < 0 ? container.length + index : index;
    if (resolved < 0 || resolved >= container.length) throw new PyException("IndexError", "list index out of range");
    return container[resolved] as PyValue;
  }
  if (container === null) throw typeError("'NoneType' object is not subscriptable");
  if (typeof container === "string") throw typeError(`string indices must be integers, not '${pyTypeName(key)}'`);
  throw typeError(`'${pyTypeName(container)}' object is not subscriptable`);
}
