// trec_eval's metrics by hand on a small run, and on Anserini's own CACM run against the figures Anserini publishes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeWithShared, sharedPath } from "../test-support/shared-data.js";
import { evaluateRun, parseQrels, parseRun, trecEvalOrder, TrecFormatError } from "./trec-eval.js";

describe("evaluateRun", () => {
  const qrels = parseQrels(["1 0 d1 1", "1 0 d3 1", "1 0 d9 0", "2 0 d2 1", "3 0 d5 0"].join("\n"));

  it("computes average precision, precision at k and nDCG at k as trec_eval does", () => {
    const run = parseRun(["1 Q0 d1 1 3.0 t", "1 Q0 d2 2 2.0 t", "1 Q0 d3 3 1.0 t"].join("\n"));
    const evaluation = evaluateRun(run, qrels, { precisionAt: [2], ndcgAt: [3] });
    // Topic 3 has no relevant document and is left out; topic 2 is judged but missing from the run, so it counts zero.
    expect(evaluation.topics).toBe(2);
    expect(evaluation.perTopic.get("1")!.averagePrecision).toBeCloseTo((1 + 2 / 3) / 2, 10);
    expect(evaluation.perTopic.get("1")!.precision[2]).toBe(0.5);
    const dcg = 1 + 1 / Math.log2(4);
    const ideal = 1 + 1 / Math.log2(3);
    expect(evaluation.perTopic.get("1")!.ndcg[3]).toBeCloseTo(dcg / ideal, 10);
    expect(evaluation.map).toBeCloseTo((1 + 2 / 3) / 2 / 2, 10);
  });

  it("re-sorts by score and breaks ties by docno descending, ignoring the rank column", () => {
    expect(trecEvalOrder([{ doc: "a", score: 1 }, { doc: "c", score: 1 }, { doc: "b", score: 2 }]).map((hit) => hit.doc)).toEqual(["b", "c", "a"]);
  });

  it("names the line of a malformed file", () => {
    expect(() => parseRun("1 Q0 d1 1 3.0 t\n1 Q0 d2", "my.run")).toThrow(TrecFormatError);
    expect(() => parseRun("1 Q0 d1 1 3.0 t\n1 Q0 d2", "my.run")).toThrow(/my\.run:2/);
    expect(() => parseQrels("1 0 d1 yes", "q.txt")).toThrow(/q\.txt:1/);
  });
});

describeWithShared(
  "evaluateRun on Anserini's CACM BM25 run",
  () => {
    it("gives Anserini's P@30 0.1942 (its TrecEvalTest) and the derived nDCG@10 0.4543", () => {
      const directory = sharedPath("data", "retrieval", "cacm");
      const evaluation = evaluateRun(parseRun(readFileSync(`${directory}/cacm-bm25.run.txt`, "utf8")), parseQrels(readFileSync(`${directory}/qrels.cacm.txt`, "utf8")));
      expect(evaluation.topics).toBe(52);
      expect(evaluation.precision[30]!.toFixed(4)).toBe("0.1942");
      expect(evaluation.precision[10]!.toFixed(4)).toBe("0.3154");
      expect(evaluation.ndcg[10]!.toFixed(4)).toBe("0.4543");
    });
  },
  "data",
  "retrieval",
  "cacm",
);
