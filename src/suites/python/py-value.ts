// Python values as BFCL's checker sees them: ints stay distinct from floats, tuples from lists, and equality follows Python's `==`.

/**
 * A decoded value. `bigint` is a Python int and `number` a Python float, so `3` and `3.0` never collapse;
 * arrays are Python lists. Everything BFCL's checker compares is one of these.
 */
export type PyValue = null | boolean | bigint | number | string | PyValue[] | PyTuple | PyDict | PyComplex | PyBytes;

export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

export class PyComplex {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {}
}

/** A Python bytes object; `value` holds one char per byte (0–255). */
export class PyBytes {
  constructor(readonly value: string) {}
}

/** Thrown where Python itself would raise a TypeError (an unhashable key, an operation on the wrong type). */
export class PyTypeError extends Error {
  override readonly name = "PyTypeError";
}

/**
 * A Python dict: insertion-ordered, any hashable key, and keys that Python considers equal (`1`, `1.0`, `True`)
 * are the same key. Setting an existing key keeps its first position, as Python does.
 */
export class PyDict {
  private readonly slots = new Map<string, { key: PyValue; value: PyValue }>();

  static of(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
    const dict = new PyDict();
    for (const [key, value] of entries) dict.set(key, value);
    return dict;
  }

  get size(): number {
    return this.slots.size;
  }

  has(key: PyValue): boolean {
    return this.slots.has(hashKey(key));
  }

  get(key: PyValue): PyValue | undefined {
    return this.slots.get(hashKey(key))?.value;
  }

  set(key: PyValue, value: PyValue): void {
    const hash = hashKey(key);
    const slot = this.slots.get(hash);
    if (slot) slot.value = value;
    else this.slots.set(hash, { key, value });
  }

  keys(): PyValue[] {
    return [...this.slots.values()].map((slot) => slot.key);
  }

  values(): PyValue[] {
    return [...this.slots.values()].map((slot) => slot.value);
  }

  entries(): Array<[PyValue, PyValue]> {
    return [...this.slots.values()].map((slot) => [slot.key, slot.value]);
  }
}

/** `type(value).__name__` in Python. */
export type PyTypeName = "NoneType" | "bool" | "int" | "float" | "str" | "list" | "tuple" | "dict" | "complex" | "bytes";

export function pyTypeName(value: PyValue): PyTypeName {
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
  if (value instanceof PyComplex) return "complex";
  return "bytes";
}

export const isPyDict = (value: PyValue | undefined): value is PyDict => value instanceof PyDict;
export const isPyList = (value: PyValue | undefined): value is PyValue[] => Array.isArray(value);

/** Python's `a == b` for the values BFCL compares (numbers across int/float/bool, containers element-wise). */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  const numA = numericOf(a);
  if (numA !== undefined) {
    const numB = numericOf(b);
    return numB !== undefined && numericEquals(numA, numB);
  }
  if (typeof a === "string" || a === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && sequenceEquals(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && sequenceEquals(a.items, b.items);
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    for (const [key, value] of a.entries()) {
      const other = b.get(key);
      if (other === undefined || !pyEquals(value, other)) return false;
    }
    return true;
  }
  if (a instanceof PyBytes) return b instanceof PyBytes && a.value === b.value;
  return false;
}

/** Python's `value in candidates` for a list. */
export function pyIn(value: PyValue, candidates: readonly PyValue[]): boolean {
  for (const candidate of candidates) if (pyEquals(value, candidate)) return true;
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
  if (value instanceof PyDict) return value.size > 0;
  if (value instanceof PyComplex) return value.real !== 0 || value.imag !== 0;
  return value.value.length > 0;
}

type Numeric = { kind: "int"; value: bigint } | { kind: "float"; value: number } | { kind: "complex"; real: number; imag: number };

function numericOf(value: PyValue): Numeric | undefined {
  if (typeof value === "bigint") return { kind: "int", value };
  if (typeof value === "number") return { kind: "float", value };
  if (typeof value === "boolean") return { kind: "int", value: value ? 1n : 0n };
  if (value instanceof PyComplex) return { kind: "complex", real: value.real, imag: value.imag };
  return undefined;
}

function numericEquals(a: Numeric, b: Numeric): boolean {
  if (a.kind === "complex" || b.kind === "complex") {
    const [ar, ai] = a.kind === "complex" ? [a.real, a.imag] : [a, 0];
    const [br, bi] = b.kind === "complex" ? [b.real, b.imag] : [b, 0];
    return ai === bi && realEquals(ar, br);
  }
  return realEquals(a, b);
}

function realEquals(a: Numeric | number, b: Numeric | number): boolean {
  const left = typeof a === "number" ? ({ kind: "float", value: a } as const) : a;
  const right = typeof b === "number" ? ({ kind: "float", value: b } as const) : b;
  if (left.kind === "complex" || right.kind === "complex") return false;
  if (left.kind === "int" && right.kind === "int") return left.value === right.value;
  if (left.kind === "float" && right.kind === "float") return left.value === right.value;
  // Python compares an int and a float exactly, never by rounding the int to a float.
  const int = left.kind === "int" ? left.value : (right.value as bigint);
  const float = left.kind === "float" ? left.value : (right.value as number);
  return Number.isInteger(float) && BigInt(float) === int;
}

function sequenceEquals(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!pyEquals(a[i] as PyValue, b[i] as PyValue)) return false;
  return true;
}

/**
 * A string that is equal for exactly the keys Python treats as the same dict key. Almost every key is a string, so a
 * string stands for itself; every other key, and the rare string starting with U+0000, gets a U+0000-led tag.
 */
function hashKey(key: PyValue): string {
  if (typeof key === "string") return key.charCodeAt(0) === 0 ? `\u0000s${key}` : key;
  if (key === null) return "\u0000N";
  if (typeof key === "bigint") return `\u0000i${key}`;
  if (typeof key === "boolean") return key ? "\u0000i1" : "\u0000i0";
  if (typeof key === "number") return Number.isInteger(key) ? `\u0000i${BigInt(key)}` : `\u0000f${key}`;
  if (key instanceof PyTuple) return `\u0000t${JSON.stringify(key.items.map(hashKey))}`;
  if (key instanceof PyComplex) return key.imag === 0 ? hashKey(key.real) : `\u0000c${key.real},${key.imag}`;
  if (key instanceof PyBytes) return `\u0000b${key.value}`;
  throw new PyTypeError(`unhashable type: '${pyTypeName(key)}'`);
}
