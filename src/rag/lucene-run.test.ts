// toolgate's BM25 on CACM reproduces Anserini's published Lucene figures (MAP 0.3123, P@30 0.1942, nDCG@10 0.4543).
import { describe, expect, it } from "vitest";
import { describeWithShared, sharedPath, whenShared } from "../test-support/shared-data.js";
import { luceneBm25Run } from "./lucene-run.js";
import { loadTestCollection } from "./test-collection.js";
import type { TestCollection } from "./test-collection.js";
import { evaluateRun } from "./trec-eval.js";

const cacmParts = ["data", "retrieval", "cacm"] as const;
const cacm = whenShared<TestCollection | undefined>(cacmParts, () => loadTestCollection(sharedPath(...cacmParts), "cacm"), undefined);

describeWithShared(
  "luceneBm25Run on CACM",
  () => {
    // Computed on first use: a skipped suite's body still runs to collect its tests, without the data.
    let computed: { run: ReturnType<typeof luceneBm25Run>; evaluation: ReturnType<typeof evaluateRun> } | undefined;
    const result = () => {
      if (!computed) {
        const run = luceneBm25Run(cacm!);
        computed = { run, evaluation: evaluateRun(run.run, cacm!.qrels, { precisionAt: [30], ndcgAt: [10] }) };
      }
      return computed;
    };

    it("indexes the same terms as Anserini (3,204 documents, 14,363 unique terms, 320,968 in all)", () => {
      expect(result().run.stats).toEqual({ documents: 3204, uniqueTerms: 14363, totalTerms: 320968 });
    });

    it("is within 0.005 of every published figure", () => {
      const { evaluation } = result();
      expect(evaluation.topics).toBe(52);
      expect(Math.abs(evaluation.map - 0.3123)).toBeLessThan(0.005);
      expect(Math.abs(evaluation.precision[30]! - 0.1942)).toBeLessThan(0.005);
      expect(Math.abs(evaluation.ndcg[10]! - 0.4543)).toBeLessThan(0.005);
    });

    it("retrieves 1000 deep with scores rounded to 1e-4", () => {
      const first = result().run.run.get("1")!;
      expect(first.length).toBe(1000);
      for (const hit of first.slice(0, 50)) expect(Math.round(hit.score * 1e4) / 1e4).toBe(hit.score);
    });
  },
  ...cacmParts,
);

describe("luceneBm25Run on a toy collection", () => {
  it("ranks the document that matches the query's rarer terms first", () => {
    const collection: TestCollection = {
      documents: [
        { id: "d1", text: "Sorting algorithms for tape files" },
        { id: "d2", text: "Compilers for algebraic languages; syntax directed compiling" },
        { id: "d3", text: "An algorithm for sorting" },
      ],
      topics: [{ id: "q", text: "compiling algebraic languages" }],
      qrels: new Map(),
    };
    expect(luceneBm25Run(collection).run.get("q")!.map((hit) => hit.doc)).toEqual(["d2"]);
  });
});
