// Python values as the simulated BFCL APIs see them: int is bigint, float is number, and containers keep Python's rules.
import { PyException } from "./exceptions.js";

/**
 * A Python value. `bigint` is a Python int and `number` a Python float, so `3` and `3.0` stay
 * different (they print differently) while still comparing equal the way Python compares them.
 * Lists are plain arrays because Python lists are mutable and shared by reference, as arrays are.
 */
export type PyValue = null | boolean | bigint | number | string | PyValue[] | PyTuple | PyDict | PySet | PyInstance;

/** An object of a Python class with its own `repr` and `==` (a File, an mpf, a Decimal, …). */
export abstract class PyInstance {
  abstract readonly pyTypeName: string;
  abstract repr(): string;
  str(): string {
    return this.repr();
  }
  /** Python `==` against any other value. */
  abstract equals(other: PyValue): boolean;
  /** A hash key when the class is hashable; classes that define `__eq__` without `__hash__` are not. */
  hashKey(): string | undefined {
    return undefined;
  }
}

export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** A Python dict: insertion-ordered, keyed by Python equality (so `1`, `1.0` and `True` are one key). */
export class PyDict {
  private readonly slots = new Map<string, { key: PyValue; value: PyValue }>();

  static of(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
    const dict = new PyDict();
    for (const [key, value] of entries) dict.set(key, value);
    return dict;
  }

  /** Builds a dict with string keys, in the given order. */
  static fromRecord(record: Record<string, PyValue>): PyDict {
    return PyDict.of(Object.entries(record));
  }

  get size(): number {
    return this.slots.size;
  }

  has(key: PyValue): boolean {
    return this.slots.has(hashKeyOf(key));
  }

  /** The value, or `undefined` when the key is absent (Python would raise KeyError; see {@link getItem}). */
  get(key: PyValue): PyValue | undefined {
    return this.slots.get(hashKeyOf(key))?.value;
  }

  /** `d[key]`: raises KeyError with the key's repr as Python does. */
  getItem(key: PyValue, reprOf: (value: PyValue) => string): PyValue {
    const slot = this.slots.get(hashKeyOf(key));
    if (!slot) throw new PyException("KeyError", reprOf(key));
    return slot.value;
  }

  /** Assignment keeps the first key object and the original position, as Python does for an existing key. */
  set(key: PyValue, value: PyValue): void {
    const hash = hashKeyOf(key);
    const slot = this.slots.get(hash);
    if (slot) slot.value = value;
    else this.slots.set(hash, { key, value });
  }

  delete(key: PyValue): boolean {
    return this.slots.delete(hashKeyOf(key));
  }

  keys(): PyValue[] {
    return [...this.slots.values()].map((slot) => slot.key);
  }

  values(): PyValue[] {
    return [...this.slots.values()].map((slot) => slot.value);
  }

  items(): [PyValue, PyValue][] {
    return [...this.slots.values()].map((slot) => [slot.key, slot.value]);
  }

  /** Reads a string-keyed entry; convenient for configuration dicts. */
  lookup(key: string): PyValue | undefined {
    return this.get(key);
  }
}

/** A Python set (only hashable members). Iteration order is insertion order, which Python does not promise either. */
export class PySet {
  private readonly members = new Map<string, PyValue>();

  static of(values: Iterable<PyValue>): PySet {
    const set = new PySet();
    for (const value of values) set.add(value);
    return set;
  }

  get size(): number {
    return this.members.size;
  }

  has(value: PyValue): boolean {
    return this.members.has(hashKeyOf(value));
  }

  add(value: PyValue): void {
    const hash = hashKeyOf(value);
    if (!this.members.has(hash)) this.members.set(hash, value);
  }

  values(): PyValue[] {
    return [...this.members.values()];
  }
}

export function isPyInt(value: PyValue): value is bigint {
  return typeof value === "bigint";
}

export function isPyFloat(value: PyValue): value is number {
  return typeof value === "number";
}

export function isPyList(value: PyValue): value is PyValue[] {
  return Array.isArray(value);
}

/** int, float or bool: the values Python arithmetic accepts as numbers. */
export function isPyNumber(value: PyValue): value is bigint | number | boolean {
  return typeof value === "bigint" || typeof value === "number" || typeof value === "boolean";
}

/** The name `type(value).__name__` gives. */
export function pyTypeName(value: PyValue): string {
  if (value === null) return "NoneType";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "str";
    default:
      break;
  }
  if (Array.isArray(value)) return "list";
  if (value instanceof PyTuple) return "tuple";
  if (value instanceof PyDict) return "dict";
  if (value instanceof PySet) return "set";
  return value.pyTypeName;
}

/** Python truth value. */
export function pyTruthy(value: PyValue): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case "boolean":
      return value;
    case "bigint":
      return value !== 0n;
    case "number":
      return value !== 0;
    case "string":
      return value.length > 0;
    default:
      break;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (value instanceof PyDict || value instanceof PySet) return value.size > 0;
  return true;
}

/**
 * The key under which Python would file this value in a dict or set. Numbers that are equal in
 * Python share a key; unhashable values raise TypeError as `hash()` would.
 */
export function hashKeyOf(value: PyValue): string {
  if (value === null) return "N";
  switch (typeof value) {
    case "boolean":
      return value ? "n:1" : "n:0";
    case "bigint":
      return `n:${value}`;
    case "number":
      if (Number.isInteger(value)) return `n:${BigInt(value)}`;
      return `f:${value}`;
    case "string":
      return `s:${value}`;
    default:
      break;
  }
  if (value instanceof PyTuple) return `t:(${value.items.map(hashKeyOf).join(",")})`;
  if (value instanceof PyInstance) {
    const key = value.hashKey();
    if (key !== undefined) return `o:${value.pyTypeName}:${key}`;
  }
  throw new PyException("TypeError", `unhashable type: '${pyTypeName(value)}'`);
}

/** Python `==`. */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (a === null || b === null) return false;
  if (isPyNumber(a) && isPyNumber(b)) return numbersEqual(a, b);
  if (typeof a === "string" || typeof b === "string") return false;
  if (Array.isArray(a)) return Array.isArray(b) && sequencesEqual(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && sequencesEqual(a.items, b.items);
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    for (const [key, value] of a.items()) {
      if (!b.has(key)) return false;
      const other = b.get(key) as PyValue;
      if (value !== other && !pyEquals(value, other)) return false;
    }
    return true;
  }
  if (a instanceof PySet) {
    if (!(b instanceof PySet) || a.size !== b.size) return false;
    return a.values().every((member) => b.has(member));
  }
  if (a instanceof PyInstance) return a.equals(b);
  if (b instanceof PyInstance) return b.equals(a);
  return false;
}

function sequencesEqual(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  // Python compares items by identity first, then `==`.
  return a.every((item, index) => item === b[index] || pyEquals(item, b[index] as PyValue));
}

function numbersEqual(a: bigint | number | boolean, b: bigint | number | boolean): boolean {
  const x = typeof a === "boolean" ? (a ? 1n : 0n) : a;
  const y = typeof b === "boolean" ? (b ? 1n : 0n) : b;
  if (typeof x === "bigint" && typeof y === "bigint") return x === y;
  if (typeof x === "number" && typeof y === "number") return x === y;
  const int = (typeof x === "bigint" ? x : y) as bigint;
  const float = (typeof x === "number" ? x : y) as number;
  return Number.isInteger(float) && BigInt(float) === int;
}

/** Python `copy.deepcopy` for plain data (instances are shared, which is all the APIs need). */
export function deepCopy(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value instanceof PyDict) return PyDict.of(value.items().map(([key, item]) => [key, deepCopy(item)] as const));
  if (value instanceof PyTuple) return new PyTuple(value.items.map(deepCopy));
  if (value instanceof PySet) return PySet.of(value.values());
  return value;
}
