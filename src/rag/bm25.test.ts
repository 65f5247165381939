// BM25 scoring checked by hand, ranking, filters, weights and explanations.
import { describe, expect, it } from "vitest";
import { createBm25Index, weighQuery } from "./bm25.js";

const query = (...terms: string[]) => weighQuery([{ terms, weight: 1 }]);

describe("createBm25Index", () => {
  const documents = [
    ["weather", "forecast", "city"],
    ["refund", "payment", "customer", "refund"],
    ["customer", "email", "send"],
    ["weather", "weather", "weather", "alert", "storm", "warning", "region", "map"],
  ];
  const index = createBm25Index(documents);

  it("scores with Okapi BM25 (k1 1.2, b 0.75, Lucene idf), checked by hand", () => {
    const scores = index.scoreAll(query("refund"));
    // df 1 of N 4: idf = ln(1 + 3.5/1.5); doc 1 has tf 2 and length 4, the average length is 18/4.
    const idf = Math.log(1 + 3.5 / 1.5);
    const expected = (idf * (2 * 2.2)) / (2 + 1.2 * (1 - 0.75 + (0.75 * 4) / 4.5));
    expect(scores[1]).toBeCloseTo(expected, 5);
    expect([scores[0], scores[2], scores[3]]).toEqual([0, 0, 0]);
  });

  it("ranks by score, keeps only matching documents, and breaks ties by document order", () => {
    expect(index.search(query("customer")).map((hit) => hit.doc)).toEqual([2, 1]);
    expect(index.search(query("weather")).map((hit) => hit.doc)).toEqual([3, 0]);
    expect(index.search(query("nothing"))).toEqual([]);
    const tied = createBm25Index([["a", "b"], ["a", "b"], ["a", "b"]]);
    expect(tied.search(query("a")).map((hit) => hit.doc)).toEqual([0, 1, 2]);
  });

  it("honours k, filters and query weights, and leaves no state behind between searches", () => {
    expect(index.search(query("weather", "customer"), { k: 1 })).toHaveLength(1);
    expect(index.search(query("weather"), { filter: (doc) => doc !== 3 }).map((hit) => hit.doc)).toEqual([0]);
    const heavy = weighQuery([{ terms: ["email"], weight: 1 }, { terms: ["refund"], weight: 3 }]);
    expect(index.search(heavy)[0]!.doc).toBe(1);
    const first = index.search(query("customer"));
    expect(index.search(query("customer"))).toEqual(first);
    // The large-k path sorts once and must agree with the running top-k.
    expect(index.search(query("customer", "weather"), { k: 1000 })).toEqual(index.search(query("customer", "weather"), { k: 4 }));
  });

  it("explains a score term by term, and the contributions add up to it", () => {
    const q = query("weather", "storm", "unknown");
    const explained = index.explain(q, 3);
    expect(explained.map((part) => part.term)).toEqual(["weather", "storm"]);
    expect(explained.find((part) => part.term === "weather")).toMatchObject({ tf: 3, df: 2 });
    const total = explained.reduce((sum, part) => sum + part.score, 0);
    expect(total).toBeCloseTo(index.scoreAll(q)[3]!, 5);
  });

  it("asks the filter once per document met, before scoring, so refused documents never take a place in the top k", () => {
    const asked: number[] = [];
    const hits = index.search(query("weather", "customer", "refund"), {
      k: 2,
      filter: (doc) => {
        asked.push(doc);
        return doc !== 1 && doc !== 3;
      },
    });
    expect(hits.map((hit) => hit.doc)).toEqual([0, 2]);
    expect([...asked].sort()).toEqual([0, 1, 2, 3]);
    // Verdicts do not leak into the next search.
    expect(index.search(query("refund")).map((hit) => hit.doc)).toEqual([1]);
  });

  it("scores as Lucene 8+ in the lucene flavour: 1-byte length norms, no (k1 + 1) factor", () => {
    const long = Array.from({ length: 100 }, (_, index) => (index === 0 ? "target" : `filler${index}`));
    const short = ["target", "other"];
    const lucene = createBm25Index([long, short], { k1: 0.9, b: 0.4, flavour: "lucene" });
    const idf = Math.log(1 + (2 - 2 + 0.5) / (2 + 0.5));
    const average = (100 + 2) / 2;
    // Length 100 is stored as 96 (4 significant bits above 24); length 2 is exact.
    expect(lucene.scoreAll(query("target"))[0]).toBeCloseTo((idf * 1) / (1 + 0.9 * (1 - 0.4 + (0.4 * 96) / average)), 6);
    expect(lucene.scoreAll(query("target"))[1]).toBeCloseTo((idf * 1) / (1 + 0.9 * (1 - 0.4 + (0.4 * 2) / average)), 6);
  });

  it("indexes from any iterable, such as a generator over rows", () => {
    function* rows() {
      yield ["a", "b"];
      yield ["b", "c"];
    }
    expect(createBm25Index(rows()).search(query("c")).map((hit) => hit.doc)).toEqual([1]);
  });

  it("handles an empty catalogue", () => {
    const empty = createBm25Index([]);
    expect(empty.search(query("x"))).toEqual([]);
    expect(empty.size).toBe(0);
  });
});
