// Text rules for taint matching: normalisation for fuzzy matches and which values are distinctive enough to track.

/**
 * Words so common in tool results and arguments that a match on them says nothing about where a value came from.
 * Single lowercase words are already ignored below 12 letters; this list catches the longer ones and status words.
 */
export const defaultTaintStopWords: readonly string[] = [
  "information",
  "appointment",
  "appointments",
  "confirmation",
  "confirmed",
  "cancelled",
  "completed",
  "successful",
  "successfully",
  "undefined",
  "unavailable",
  "description",
  "customer",
  "customers",
  "requested",
  "processing",
  "pending",
  "active",
  "inactive",
];

/** Case, whitespace, punctuation and compatibility forms removed: `Jane.Doe @Example.com` → `janedoeexamplecom`. */
export function normaliseForTaint(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

export interface DistinctiveOptions {
  minLength: number;
  stopWords: ReadonlySet<string>;
}

/**
 * Whether a value is specific enough that finding it again is evidence it was copied. A plain dictionary word
 * ("pending", "refund") is not: it would taint every argument that happens to use it. A value with a digit, an `@`,
 * a dot, a space or a mixed shape (an id, an email, a URL, a phrase), or a single word of 12+ letters, is.
 */
export function isDistinctive(value: string, options: DistinctiveOptions): boolean {
  const trimmed = value.trim();
  if (trimmed.length < options.minLength) return false;
  if (options.stopWords.has(trimmed.toLowerCase())) return false;
  if (/^\p{L}+$/u.test(trimmed)) return trimmed.length >= 12;
  // Needs some letters or digits of its own: "--------" or "......" is formatting, not data.
  return normaliseForTaint(trimmed).length >= Math.min(options.minLength, 4);
}

/** Numbers in text by value: `$1,250.00` → 1250, `1.250,00` is read as written with the dot as decimal point only. */
export function numbersInText(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(/-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/g)) {
    const value = Number(match[0].replace(/,/g, ""));
    if (Number.isFinite(value)) found.push(value);
  }
  return found;
}

/** Digits a number carries, ignoring sign, decimal point and trailing zeros after it: 1250.00 → 4, 7 → 1. */
export function significantDigits(value: number): number {
  return String(Math.abs(value)).replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").length;
}
