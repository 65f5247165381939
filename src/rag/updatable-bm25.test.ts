// The updatable BM25 index: after any sequence of adds and removes it ranks exactly as a fresh index over the live
// documents (the one engine, bm25.ts), scores included, in both flavours; the filter runs before scoring.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBm25Index, weighQuery } from "./bm25.js";
import { createUpdatableBm25Index } from "./updatable-bm25.js";

const vocabulary = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
const query = (terms: string[]) => weighQuery([{ terms, weight: 1 }]);

function rebuilt(live: Map<number, string[]>, flavour: "okapi" | "lucene") {
  const keys = [...live.keys()].sort((a, b) => a - b);
  const index = createBm25Index(keys.map((key) => live.get(key)!), { k1: 0.9, b: 0.4, flavour });
  return (terms: string[], k: number) => index.search(query(terms), { k }).map((hit) => ({ doc: keys[hit.doc]!, score: hit.score }));
}

describe("createUpdatableBm25Index", () => {
  it.each(["lucene", "okapi"] as const)("equals a full rebuild after random adds and removes (%s)", (flavour) => {
    const document = fc.array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 40 });
    const operation = fc.oneof(fc.record({ add: fc.integer({ min: 0, max: 120 }), terms: document }), fc.record({ remove: fc.integer({ min: 0, max: 120 }) }));
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 300 }), fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 4 }), (operations, terms) => {
        const index = createUpdatableBm25Index({ k1: 0.9, b: 0.4, flavour });
        const live = new Map<number, string[]>();
        for (const step of operations) {
          if ("add" in step) {
            index.add(step.add, step.terms);
            live.set(step.add, step.terms);
          } else {
            expect(index.remove(step.remove)).toBe(live.delete(step.remove));
          }
        }
        expect(index.size).toBe(live.size);
        const got = index.search(query(terms), { k: 15 });
        const want = rebuilt(live, flavour)(terms, 15);
        expect(got.map((hit) => hit.doc)).toEqual(want.map((hit) => hit.doc));
        got.forEach((hit, at) => expect(hit.score).toBeCloseTo(want[at]!.score, 9));
      }),
      { numRuns: 150 },
    );
  });

  it("never scores a document the filter refuses, and compacts removed documents away", () => {
    const index = createUpdatableBm25Index({ flavour: "lucene", k1: 0.9, b: 0.4 });
    for (let key = 0; key < 200; key++) index.add(key, key % 2 === 0 ? ["secret", "plan"] : ["plan"]);
    const asked: number[] = [];
    const hits = index.search(query(["secret"]), { k: 5, filter: (key) => (asked.push(key), key % 4 !== 0) });
    expect(hits.map((hit) => hit.doc)).toEqual([2, 6, 10, 14, 18]);
    expect(new Set(asked).size).toBe(asked.length);
    for (let key = 0; key < 150; key++) index.remove(key);
    expect(index.size).toBe(50);
    expect(index.search(query(["secret"]), { k: 100 }).map((hit) => hit.doc)).toEqual(Array.from({ length: 25 }, (_, at) => 150 + at * 2));
  });
});
