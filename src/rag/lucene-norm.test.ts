// The norm round trip against values worked out from Lucene's SmallFloat by hand.
import { describe, expect, it } from "vitest";
import { decodeLuceneNorm, encodeLuceneNorm } from "./lucene-norm.js";

describe("Lucene document-length norms", () => {
  it("keeps lengths below 24 exact", () => {
    for (let length = 0; length < 24; length++) expect(decodeLuceneNorm(encodeLuceneNorm(length))).toBe(length);
  });

  it("rounds longer lengths down to 4 significant bits above 24", () => {
    // 100 = 24 + 76, and 76 = 0b1001100 keeps its top four bits 0b1001 << 3 = 72: 24 + 72 = 96. 41 = 24 + 0b10001 → 24 + 16.
    expect(decodeLuceneNorm(encodeLuceneNorm(100))).toBe(96);
    expect(decodeLuceneNorm(encodeLuceneNorm(24))).toBe(24);
    expect(decodeLuceneNorm(encodeLuceneNorm(31))).toBe(31);
    expect(decodeLuceneNorm(encodeLuceneNorm(40))).toBe(40);
    expect(decodeLuceneNorm(encodeLuceneNorm(41))).toBe(40);
    expect(encodeLuceneNorm(2 ** 31 - 1)).toBe(255);
  });

  it("never increases a length and keeps their order", () => {
    let previous = -1;
    for (let length = 0; length < 5000; length++) {
      const decoded = decodeLuceneNorm(encodeLuceneNorm(length));
      expect(decoded).toBeLessThanOrEqual(length);
      expect(decoded).toBeGreaterThanOrEqual(previous);
      previous = decoded;
    }
  });

  it("refuses negative or fractional lengths", () => {
    expect(() => encodeLuceneNorm(-1)).toThrow(/non-negative integer/);
    expect(() => encodeLuceneNorm(1.5)).toThrow(/non-negative integer/);
  });
});
