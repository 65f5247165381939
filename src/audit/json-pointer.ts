// RFC 6901 JSON pointers: parsing, and reading or replacing the value one points at (for redaction).
import { defineOwn, type JsonValue } from "../record/index.js";
import { AuditInputError } from "./errors.js";

/** Splits a pointer into unescaped reference tokens; `""` (the whole document) gives `[]`. */
export function parseJsonPointer(pointer: string, where = "pointer"): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) {
    throw new AuditInputError(`"${pointer}" is not a JSON pointer`, `start it with "/", e.g. "/arguments/ssn" (RFC 6901)`, where);
  }
  return pointer
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~[^01]|~$/.test(token)) {
        throw new AuditInputError(`"${pointer}" has a bad escape`, `write "~0" for "~" and "~1" for "/" inside a pointer (RFC 6901)`, where);
      }
      return token.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

const arrayIndex = /^(0|[1-9][0-9]*)$/;

function child(container: JsonValue, token: string): { found: true; value: JsonValue } | { found: false } {
  if (Array.isArray(container)) {
    if (!arrayIndex.test(token)) return { found: false };
    const index = Number(token);
    return index < container.length ? { found: true, value: container[index]! } : { found: false };
  }
  if (container !== null && typeof container === "object" && Object.prototype.hasOwnProperty.call(container, token)) {
    return { found: true, value: container[token]! };
  }
  return { found: false };
}

/**
 * Replaces the value at `tokens` with what `replace` returns, in place, and reports whether the pointer
 * resolved. The root (`[]`) cannot be replaced in place, so the caller handles it.
 */
export function replaceAtPointer(document: JsonValue, tokens: string[], replace: (value: JsonValue) => JsonValue): boolean {
  if (tokens.length === 0) throw new RangeError("the root is replaced by the caller");
  let container = document;
  for (const token of tokens.slice(0, -1)) {
    const next = child(container, token);
    if (!next.found) return false;
    container = next.value;
  }
  const last = tokens[tokens.length - 1]!;
  const target = child(container, last);
  if (!target.found) return false;
  if (Array.isArray(container)) container[Number(last)] = replace(target.value);
  else defineOwn(container as Record<string, unknown>, last, replace(target.value));
  return true;
}

/** Re-escapes tokens into the pointer's canonical spelling, so equal pointers are recorded identically. */
export function formatJsonPointer(tokens: string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
