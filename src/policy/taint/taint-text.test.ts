import { describe, expect, it } from "vitest";
import { defaultTaintStopWords, isDistinctive, normaliseForTaint, numbersInText, significantDigits } from "./taint-text.js";

const options = { minLength: 6, stopWords: new Set(defaultTaintStopWords) };

describe("taint text rules", () => {
  it("normalises case, whitespace, punctuation and full-width forms away", () => {
    expect(normaliseForTaint("Jane.Doe @Example.com")).toBe("janedoeexamplecom");
    expect(normaliseForTaint("ＩＢＡＮ DE89-3704")).toBe("ibande893704");
  });

  it("treats ids, emails, phrases and long words as distinctive, common short words and stop words not", () => {
    expect(isDistinctive("INV-20931", options)).toBe(true);
    expect(isDistinctive("mallory@evil.example", options)).toBe(true);
    expect(isDistinctive("wire the money", options)).toBe(true);
    expect(isDistinctive("transferwise", options)).toBe(true);
    expect(isDistinctive("refund", options)).toBe(false);
    expect(isDistinctive("pending", options)).toBe(false);
    expect(isDistinctive("appointments", options)).toBe(false);
    expect(isDistinctive("ab-12", options)).toBe(false);
    expect(isDistinctive("--------", options)).toBe(false);
  });

  it("reads numbers in text by value and counts their significant digits", () => {
    expect(numbersInText("Refund $1,250.00 to order 88123 (x2)")).toEqual([1250, 88123, 2]);
    expect(significantDigits(1250)).toBe(4);
    expect(significantDigits(7)).toBe(1);
    expect(significantDigits(-0.05)).toBe(1);
  });
});
