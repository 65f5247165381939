// Word boundaries as Lucene's StandardTokenizer draws them, and the ASCII scanner agreeing with Intl.Segmenter.
import { describe, expect, it } from "vitest";
import { breakWords, maxTokenLength } from "./word-break.js";

describe("breakWords", () => {
  it("follows UAX #29 on the cases CACM is full of", () => {
    expect(breakWords("Samelson,K. CA581203 8:28 PM")).toEqual(["Samelson", "K", "CA581203", "8", "28", "PM"]);
    expect(breakWords("e.g. 3.14 1,000 don't users' a_b foo-bar x.1")).toEqual(["e.g", "3.14", "1,000", "don't", "users", "a_b", "foo", "bar", "x", "1"]);
    expect(breakWords("A.B.C. U.S.A O'Neil 1.2.3 ___ ... --")).toEqual(["A.B.C", "U.S.A", "O'Neil", "1.2.3"]);
  });

  it("gives the same words for ASCII text as Intl.Segmenter (the path non-ASCII text takes)", () => {
    const samples = [
      "Preliminary Report-International Algebraic Language CACM December, 1958 Perlis, A. J. Samelson,K. CA581203 JB March 22, 1978 8:28 PM 100 5 1",
      "a:b a:1 1:2 1.a a.1 1;2 a;b 1'2 a'b 'quoted' _x x_ 3_000 ab:cd:ef 12,345.67 v1.2.3-beta path/to/file.ts",
    ];
    for (const sample of samples) {
      // A non-ASCII character with no word in it forces the Intl.Segmenter path without changing the words.
      const viaSegmenter = breakWords(`${sample} \u00a7`);
      expect(breakWords(sample)).toEqual(viaSegmenter);
    }
  });

  it("handles non-ASCII words", () => {
    expect(breakWords("Gödel’s café naïve")).toEqual(["Gödel’s", "café", "naïve"]);
  });

  it("cuts words longer than Lucene's maximum token length", () => {
    const long = "x".repeat(maxTokenLength + 10);
    expect(breakWords(long).map((word) => word.length)).toEqual([maxTokenLength, 10]);
  });
});
