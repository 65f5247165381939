// A BM25 run over a test collection made the way Anserini makes its published runs: Lucene analysis and scoring, each
// query a bag of its terms weighted by their counts, 1000 hits deep, scores rounded to 1e-4 and ties by docid ascending.
import { createBm25Index, weighQuery } from "./bm25.js";
import { analyzeEnglish } from "./english-analyzer.js";
import type { TestCollection } from "./test-collection.js";
import type { Run } from "./trec-eval.js";

export interface LuceneRunOptions {
  k1?: number;
  b?: number;
  depth?: number;
  /** "lucene" (default) stores lengths as Lucene's 1-byte norms; "okapi" keeps them exact, for comparison. */
  flavour?: "lucene" | "okapi";
}

export interface LuceneRun {
  run: Run;
  /** Index statistics, to compare with Anserini's (documents, unique terms, total terms). */
  stats: { documents: number; uniqueTerms: number; totalTerms: number };
}

export function luceneBm25Run(collection: TestCollection, options: LuceneRunOptions = {}): LuceneRun {
  const depth = options.depth ?? 1000;
  const analyzed = collection.documents.map((document) => analyzeEnglish(document.text));
  const index = createBm25Index(analyzed, { k1: options.k1 ?? 0.9, b: options.b ?? 0.4, flavour: options.flavour ?? "lucene" });
  const run: Run = new Map();
  for (const topic of collection.topics) {
    const scores = index.scoreAll(weighQuery([{ terms: analyzeEnglish(topic.text), weight: 1 }]));
    const hits: Array<{ doc: number; score: number }> = [];
    scores.forEach((score, doc) => {
      if (score > 0) hits.push({ doc, score: Math.round(score * 1e4) / 1e4 });
    });
    hits.sort((a, b) => b.score - a.score || (collection.documents[a.doc]!.id < collection.documents[b.doc]!.id ? -1 : 1));
    run.set(
      topic.id,
      hits.slice(0, depth).map((hit) => ({ doc: collection.documents[hit.doc]!.id, score: hit.score })),
    );
  }
  const uniqueTerms = new Set(analyzed.flat()).size;
  return { run, stats: { documents: analyzed.length, uniqueTerms, totalTerms: analyzed.reduce((sum, terms) => sum + terms.length, 0) } };
}
