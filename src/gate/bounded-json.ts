// JSON.stringify with a byte cap enforced while serialising: stops at the cap, so a 100 MB result never becomes a 100 MB string.

/** The whole value as JSON text, or the first `maxBytes` of it (cut at a character boundary) when it is larger. */
export type BoundedJson = { complete: true; text: string; bytes: number } | { complete: false; text: string; bytes: number };

/** Thrown for values JSON cannot carry (BigInt, NaN, ±Infinity, cycles), with JSON.stringify's meaning. */
export class NotJsonError extends TypeError {
  override readonly name = "NotJsonError";
}

/** Long strings are escaped a slice at a time, so no copy larger than this (×6 for escapes) is ever made. */
const stringSliceChars = 8192;

class CapReached extends Error {}

/**
 * Same text as `JSON.stringify(value)` (toJSON, boxed primitives, skipped undefined/functions/symbols, null in arrays),
 * except that BigInt and non-finite numbers throw NotJsonError instead of being sent as something else. The walk stops
 * as soon as `maxBytes` of UTF-8 are written: memory used is the cap plus one escaped slice, whatever the value's size.
 * What lies beyond the cap is never looked at, so a BigInt there is not reported — the model never sees that part.
 */
export function serializeBounded(value: unknown, maxBytes: number): BoundedJson {
  const chunks: string[] = [];
  let bytes = 0;
  const emit = (text: string) => {
    const size = Buffer.byteLength(text, "utf8");
    if (bytes + size <= maxBytes) {
      chunks.push(text);
      bytes += size;
      return;
    }
    const kept = cutToBytes(text, maxBytes - bytes);
    chunks.push(kept);
    bytes += Buffer.byteLength(kept, "utf8");
    throw new CapReached();
  };
  const ancestors = new Set<object>();

  const writeString = (text: string) => {
    if (text.length <= stringSliceChars) return emit(JSON.stringify(text));
    emit('"');
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + stringSliceChars, text.length);
      // Never split a surrogate pair between slices: each half alone would be escaped as a lone surrogate.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      const escaped = JSON.stringify(text.slice(start, end));
      emit(escaped.slice(1, -1));
      start = end;
    }
    emit('"');
  };

  /** Writes a value that JSON.stringify would not omit (see `prepare` and `omitted`). */
  const write = (current: unknown): void => {
    switch (typeof current) {
      case "bigint":
        throw new NotJsonError("a BigInt cannot be sent as JSON");
      case "number":
        if (!Number.isFinite(current)) throw new NotJsonError(`${current} is not a JSON number`);
        return emit(JSON.stringify(current));
      case "boolean":
        return emit(current ? "true" : "false");
      case "string":
        return writeString(current);
    }
    if (current === null) return emit("null");
    const object = current as object;
    if (ancestors.has(object)) throw new NotJsonError("the result contains a cycle (an object that contains itself)");
    ancestors.add(object);
    if (Array.isArray(object)) {
      emit("[");
      for (let index = 0; index < object.length; index++) {
        if (index > 0) emit(",");
        const item = prepare(object[index], String(index));
        if (omitted(item)) emit("null");
        else write(item);
      }
      emit("]");
    } else {
      emit("{");
      let first = true;
      for (const name of Object.keys(object)) {
        const member = prepare((object as Record<string, unknown>)[name], name);
        if (omitted(member)) continue;
        emit(first ? `${JSON.stringify(name)}:` : `,${JSON.stringify(name)}:`);
        first = false;
        write(member);
      }
      emit("}");
    }
    ancestors.delete(object);
  };

  try {
    const top = prepare(value, "");
    if (omitted(top)) emit("null");
    else write(top);
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
    return { complete: false, text: chunks.join(""), bytes };
  }
  return { complete: true, text: chunks.join(""), bytes };
}

/** What JSON.stringify serialises in place of `input`: the result of its toJSON(key), boxed primitives unboxed. */
function prepare(input: unknown, key: string): unknown {
  let current = input;
  if (current !== null && (typeof current === "object" || typeof current === "bigint")) {
    const toJSON = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") current = (toJSON as (key: string) => unknown).call(current, key);
  }
  if (current instanceof Number) return Number(current);
  if (current instanceof String) return String(current);
  if (current instanceof Boolean) return current.valueOf();
  return current;
}

/** JSON.stringify leaves these out of objects (and writes null for them in arrays). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return "";
  // Only the first maxBytes characters can fit (each is at least one byte), so never encode more than that.
  const head = text.length > maxBytes ? text.slice(0, maxBytes) : text;
  const buffer = Buffer.from(head, "utf8").subarray(0, maxBytes);
  return buffer.toString("utf8").replace(/\uFFFD$/, "");
}
