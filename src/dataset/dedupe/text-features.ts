// The text a row is compared by (its user turns and call signature) and its word n-grams, hashed to 32-bit integers.
import type { DatasetRecord } from "../record.js";
import { isJsonObject, toolCallsOf } from "../record.js";

/** Lower-cased word tokens (letters and digits), the normalisation LLM decontamination uses before n-grams. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** What a row asks and does: user turns, then each call as `name(key,key)` — not the tool catalogue, which rows share. */
export function comparisonText(record: Pick<DatasetRecord, "messages">): string {
  const user = record.messages.filter((message) => message.role === "user").map((message) => message.content);
  const calls = toolCallsOf(record).map(({ call }) => `${call.function.name}(${isJsonObject(call.function.arguments) ? Object.keys(call.function.arguments).sort().join(",") : ""})`);
  return [...user, ...calls].join("\n");
}

/** FNV-1a, 32 bit: fast, well spread for short strings, and identical across runs (no random seed). */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Distinct hashed word n-grams; a text shorter than n gives one shingle of all its words. */
export function shingles(tokens: readonly string[], n: number): Uint32Array {
  const set = new Set<number>();
  if (tokens.length === 0) return new Uint32Array();
  if (tokens.length < n) set.add(hash32(tokens.join(" ")));
  for (let index = 0; index + n <= tokens.length; index += 1) set.add(hash32(tokens.slice(index, index + n).join(" ")));
  return Uint32Array.from([...set]).sort();
}

/** Exact Jaccard similarity of two sorted shingle sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return shared / (a.length + b.length - shared);
}
