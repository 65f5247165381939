// The analysis chain step by step: possessives, case, Lucene's stop words, Porter stems.
import { describe, expect, it } from "vitest";
import { analyzeEnglish, luceneEnglishStopWords } from "./english-analyzer.js";

describe("analyzeEnglish", () => {
  it("drops possessives, lowercases, removes Lucene's stop words and applies Porter", () => {
    expect(analyzeEnglish("The Computer's operating systems are running")).toEqual(["comput", "oper", "system", "run"]);
    expect(analyzeEnglish("Knuth’s ALGORITHMS")).toEqual(["knuth", "algorithm"]);
  });

  it("keeps numbers and identifiers as single terms, as Anserini indexes them", () => {
    expect(analyzeEnglish("CA581203 JB March 22, 1978 8:28 PM")).toEqual(["ca581203", "jb", "march", "22", "1978", "8", "28", "pm"]);
  });

  it("uses Porter's reference rules (bli → ble, logi → log)", () => {
    expect(analyzeEnglish("possibly generalization relational hopeful")).toEqual(["possibl", "gener", "relat", "hope"]);
    expect(analyzeEnglish("archaeology")).toEqual(["archaeolog"]);
  });

  it("stops exactly Lucene's 33 English stop words", () => {
    expect(luceneEnglishStopWords.size).toBe(33);
    // "what", "which" and "how" are not Lucene stop words: they stay (and are stemmed).
    expect(analyzeEnglish("what which how not")).toEqual(["what", "which", "how"]);
  });
});
