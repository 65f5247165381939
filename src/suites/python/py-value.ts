// Python values, once for the BFCL checker, the multi-turn runtime and the AgentDojo argument evaluator: ints stay distinct
// from floats, tuples from lists, dicts key by Python equality, and `==` follows Python.
import { PyException } from "./runtime/exceptions.js";

/**
 * A Python value. `bigint` is a Python int and `number` a Python float, so `3` and `3.0` never collapse (they print
 * differently) while still comparing equal the way Python compares them; arrays are Python lists (mutable, shared by
 * reference). Objects of other Python classes (complex, bytes, datetime, Decimal, the simulated APIs…) are
 * {@link PyInstance}s with their own repr and `==`.
 */
export type PyValue = null | boolean | bigint | number | string | PyValue[] | PyTuple | PyDict | PySet | PyInstance;

/** An object of a Python class with its own `repr` and `==` (a complex, bytes, a File, an mpf, a Decimal, …). */
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
  /** The built-in value this instance equals and hashes as, if any (`1+0j` is the dict key `1`). */
  equalKey(): PyValue | undefined {
    return undefined;
  }
  /** Python truthiness; objects are true unless their class says otherwise. */
  truthy(): boolean {
    return true;
  }
}

export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** Thrown where Python itself raises a TypeError (an unhashable key, an operation on the wrong type). */
export class PyTypeError extends PyException {
  constructor(message: string) {
    super("TypeError", message);
    // The checker reports the bare text, as Python's str(e) is; the runtime reads pyType/pyMessage.
    this.message = message;
    this.name = "PyTypeError";
  }
}

/**
 * A Python dict: insertion-ordered, any hashable key, and keys that Python considers equal (`1`, `1.0`, `True`)
 * are the same key. Setting an existing key keeps its first key object and position, as Python does.
 */
export class PyDict {
  /** Hash key → value, in insertion order. A plain string key is its own hash key, so most entries need nothing more. */
  private readonly slots = new Map<string, PyValue>();
  /** Hash key → the key object Python keeps, for every key that is not the plain string its hash key is. */
  private keyObjects: Map<string, PyValue> | undefined;

  static of(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
    const dict = new PyDict();
    for (const [key, value] of entries) dict.set(key, value);
    return dict;
  }

  /** Builds a dict with string keys, in the given order. */
  static fromRecord(record: Record<string, PyValue>): PyDict {
    const dict = new PyDict();
    for (const key of Object.keys(record)) dict.set(key, record[key] as PyValue);
    return dict;
  }

  get size(): number {
    return this.slots.size;
  }

  has(key: PyValue): boolean {
    return this.slots.has(hashKeyOf(key));
  }

  /** The value, or `undefined` when the key is absent (Python would raise KeyError; see {@link getItem}). */
  get(key: PyValue): PyValue | undefined {
    return this.slots.get(hashKeyOf(key));
  }

  /** `d[key]`: raises KeyError with the key's repr as Python does. */
  getItem(key: PyValue, reprOf: (value: PyValue) => string): PyValue {
    const value = this.slots.get(hashKeyOf(key));
    if (value === undefined) throw new PyException("KeyError", reprOf(key));
    return value;
  }

  set(key: PyValue, value: PyValue): void {
    const hash = hashKeyOf(key);
    // An existing key keeps its first key object and its position, as in Python.
    if (hash !== key && !this.slots.has(hash)) (this.keyObjects ??= new Map()).set(hash, key);
    this.slots.set(hash, value);
  }

  delete(key: PyValue): boolean {
    const hash = hashKeyOf(key);
    this.keyObjects?.delete(hash);
    return this.slots.delete(hash);
  }

  /** The key object filed under a hash key (a U+0000-led hash key is never a plain string key). */
  private keyOf(hash: string): PyValue {
    return hash.charCodeAt(0) === 0 ? (this.keyObjects?.get(hash) as PyValue) : hash;
  }

  keys(): PyValue[] {
    const keys: PyValue[] = [];
    for (const hash of this.slots.keys()) keys.push(this.keyOf(hash));
    return keys;
  }

  values(): PyValue[] {
    return [...this.slots.values()];
  }

  entries(): Array<[PyValue, PyValue]> {
    const entries: Array<[PyValue, PyValue]> = [];
    for (const [hash, value] of this.slots) entries.push([this.keyOf(hash), value]);
    return entries;
  }

  /** `d.items()`, the runtime's spelling of {@link entries}. */
  items(): Array<[PyValue, PyValue]> {
    return this.entries();
  }

  /** Calls `visit` for every item in order, without building the item list (for serialisers on hot paths). */
  forEach(visit: (value: PyValue, key: PyValue) => void): void {
    for (const [hash, value] of this.slots) visit(value, this.keyOf(hash));
  }

  /** A new dict with the same keys (the same key objects) in the same order, each value passed through `copy`. */
  mapValues(copy: (value: PyValue) => PyValue): PyDict {
    const dict = new PyDict();
    for (const [hash, value] of this.slots) dict.slots.set(hash, copy(value));
    if (this.keyObjects) dict.keyObjects = new Map(this.keyObjects);
    return dict;
  }

  /** Python dict `==` given `==` for values: same size, every key of this one present in `other` with an equal value. */
  sameItems(other: PyDict, equal: (a: PyValue, b: PyValue) => boolean): boolean {
    if (this.slots.size !== other.slots.size) return false;
    for (const [hash, value] of this.slots) {
      const theirs = other.slots.get(hash);
      if (theirs === undefined || (value !== theirs && !equal(value, theirs))) return false;
    }
    return true;
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

/** `type(value).__name__` for the built-in types the BFCL checker names in its type errors. */
export type PyTypeName = "NoneType" | "bool" | "int" | "float" | "str" | "list" | "tuple" | "dict" | "complex" | "bytes";

/** `type(value).__name__` in Python. */
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
  }
  if (Array.isArray(value)) return "list";
  if (value instanceof PyTuple) return "tuple";
  if (value instanceof PyDict) return "dict";
  if (value instanceof PySet) return "set";
  return value.pyTypeName;
}

/** int, float or bool: the values Python arithmetic accepts as numbers. */
export function isPyNumber(value: PyValue): value is bigint | number | boolean {
  return typeof value === "bigint" || typeof value === "number" || typeof value === "boolean";
}

/** Python `==`: numbers across int/float/bool exactly, containers element-wise (identity first), instances by their own `__eq__`. */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isPyNumber(a) && isPyNumber(b)) return numbersEqual(a, b);
  if (typeof a === "string" || typeof b === "string") return false;
  if (Array.isArray(a)) return Array.isArray(b) && sequencesEqual(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && sequencesEqual(a.items, b.items);
  if (a instanceof PyDict) return b instanceof PyDict && a.sameItems(b, pyEquals);
  if (a instanceof PySet) {
    if (!(b instanceof PySet) || a.size !== b.size) return false;
    return a.values().every((member) => b.has(member));
  }
  if (a instanceof PyInstance) return a.equals(b);
  if (b instanceof PyInstance) return b.equals(a);
  return false;
}

/** Python's `value in candidates` for a list. */
export function pyIn(value: PyValue, candidates: readonly PyValue[]): boolean {
  for (const candidate of candidates) if (candidate === value || pyEquals(value, candidate)) return true;
  return false;
}

/** Python truthiness (`if not x`). */
export function pyTruthy(value: PyValue): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case "boolean":
      return value;
    case "bigint":
      return value !== 0n;
    case "number":
      // NaN is truthy in Python, and NaN !== 0.
      return value !== 0;
    case "string":
      return value.length > 0;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (value instanceof PyDict || value instanceof PySet) return value.size > 0;
  return value.truthy();
}

function sequencesEqual(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  // Python compares items by identity first, then `==`.
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !pyEquals(a[i] as PyValue, b[i] as PyValue)) return false;
  return true;
}

function numbersEqual(a: bigint | number | boolean, b: bigint | number | boolean): boolean {
  const x = typeof a === "boolean" ? (a ? 1n : 0n) : a;
  const y = typeof b === "boolean" ? (b ? 1n : 0n) : b;
  if (typeof x === "bigint" && typeof y === "bigint") return x === y;
  if (typeof x === "number" && typeof y === "number") return x === y;
  // Python compares an int and a float exactly, never by rounding the int to a float.
  const int = (typeof x === "bigint" ? x : y) as bigint;
  const float = (typeof x === "number" ? x : y) as number;
  return Number.isInteger(float) && BigInt(float) === int;
}

/**
 * The key under which Python files this value in a dict or set: equal for exactly the keys Python treats as the same
 * (`1`, `1.0`, `True`, `1+0j`). Almost every key is a string, so a string stands for itself; every other key, and the
 * rare string starting with U+0000, gets a U+0000-led tag. Unhashable values raise TypeError as `hash()` would.
 */
export function hashKeyOf(key: PyValue): string {
  if (typeof key === "string") return key.charCodeAt(0) === 0 ? `\u0000s${key}` : key;
  if (key === null) return "\u0000N";
  if (typeof key === "bigint") return `\u0000i${key}`;
  if (typeof key === "boolean") return key ? "\u0000i1" : "\u0000i0";
  if (typeof key === "number") return Number.isInteger(key) ? `\u0000i${BigInt(key)}` : `\u0000f${key}`;
  if (key instanceof PyTuple) return `\u0000t${JSON.stringify(key.items.map(hashKeyOf))}`;
  if (key instanceof PyInstance) {
    const alias = key.equalKey();
    if (alias !== undefined) return hashKeyOf(alias);
    const own = key.hashKey();
    if (own !== undefined) return `\u0000o${key.pyTypeName}:${own}`;
  }
  throw new PyTypeError(`unhashable type: '${pyTypeName(key)}'`);
}

/** Python `copy.deepcopy` for plain data (instances are shared, which is all the APIs need). */
export function deepCopy(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value instanceof PyDict) return value.mapValues(deepCopy);
  if (value instanceof PyTuple) return new PyTuple(value.items.map(deepCopy));
  if (value instanceof PySet) return PySet.of(value.values());
  return value;
}
