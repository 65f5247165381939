// Redaction before hashing and storage: the values under given JSON pointers become keyed digests, comparable but unreadable.
import { canonicalJson, type JsonValue } from "../record/index.js";
import { formatJsonPointer, parseJsonPointer, replaceAtPointer } from "./json-pointer.js";
import type { AuditEventType } from "./types.js";

/** Pointers to redact in every event of a type, on top of what producers ask for in `input.redact`. */
export type RedactionConfig = Partial<Record<AuditEventType, string[]>>;

/** What a redacted value is replaced with: `{ "$redacted": "sha256:<keyed digest of its canonical JSON>" }`. */
interface RedactedValue {
  $redacted: string;
  [key: string]: JsonValue;
}

/**
 * Redacts `data` (which the caller owns: it is changed in place where it can be) and returns the result with
 * the pointers that were applied, in canonical spelling. A pointer inside one already redacted is covered by
 * it and not listed again; a pointer that resolves to nothing is skipped, so `redacted` only names real redactions.
 */
export function redactData(data: JsonValue, pointers: readonly string[], digest: (canonicalValue: string) => string, where = "redact"): { data: JsonValue; redacted: string[] } {
  if (pointers.length === 0) return { data, redacted: [] };
  const parsed = pointers.map((pointer, index) => parseJsonPointer(pointer, `${where}[${index}]`));
  // Parents first, so a parent's digest covers its original children and the children are not listed twice.
  parsed.sort((a, b) => a.length - b.length);
  const applied: string[][] = [];
  const replace = (value: JsonValue): RedactedValue => ({ $redacted: digest(canonicalJson(value)) });
  let result = data;
  for (const tokens of parsed) {
    if (applied.some((done) => done.length <= tokens.length && done.every((token, index) => token === tokens[index]))) continue;
    if (tokens.length === 0) {
      result = replace(result);
      applied.push(tokens);
    } else if (replaceAtPointer(result, tokens, replace)) {
      applied.push(tokens);
    }
  }
  return { data: result, redacted: applied.map(formatJsonPointer).sort() };
}
