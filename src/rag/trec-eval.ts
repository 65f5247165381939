// Retrieval metrics computed the way trec_eval computes them (`-c -m map`, `-m P.k`, `-m ndcg_cut.k`), so figures match
// published ones: runs re-sorted by score with ties broken by docno descending, relevance at grade >= 1, and (with -c)
// every judged topic averaged, a topic missing from the run counting zero.

/** Topic → document → relevance grade. */
export type Qrels = Map<string, Map<string, number>>;
export interface RunHit {
  doc: string;
  score: number;
}
/** Topic → retrieved documents (any order: evaluation sorts them as trec_eval does). */
export type Run = Map<string, RunHit[]>;

export interface TopicScores {
  averagePrecision: number;
  precision: Record<number, number>;
  ndcg: Record<number, number>;
}

export interface Evaluation {
  /** Judged topics averaged over (those with at least one relevant document). */
  topics: number;
  map: number;
  precision: Record<number, number>;
  ndcg: Record<number, number>;
  perTopic: Map<string, TopicScores>;
}

export class TrecFormatError extends Error {
  override name = "TrecFormatError";
}

/** `topic iteration doc grade` lines. */
export function parseQrels(text: string, source = "qrels"): Qrels {
  const qrels: Qrels = new Map();
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const fields = line.trim().split(/\s+/);
    const grade = Number(fields[3]);
    if (fields.length !== 4 || !Number.isFinite(grade)) throw new TrecFormatError(`${source}:${index + 1}: expected "topic iteration doc grade", got "${line}"`);
    let topic = qrels.get(fields[0]!);
    if (!topic) qrels.set(fields[0]!, (topic = new Map()));
    topic.set(fields[2]!, grade);
  });
  return qrels;
}

/** `topic Q0 doc rank score tag` lines. */
export function parseRun(text: string, source = "run"): Run {
  const run: Run = new Map();
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const fields = line.trim().split(/\s+/);
    const score = Number(fields[4]);
    if (fields.length < 6 || !Number.isFinite(score)) throw new TrecFormatError(`${source}:${index + 1}: expected "topic Q0 doc rank score tag", got "${line}"`);
    let hits = run.get(fields[0]!);
    if (!hits) run.set(fields[0]!, (hits = []));
    hits.push({ doc: fields[2]!, score });
  });
  return run;
}

/** trec_eval's order: score descending, equal scores by docno descending. */
export function trecEvalOrder(hits: readonly RunHit[]): RunHit[] {
  return [...hits].sort((a, b) => b.score - a.score || (a.doc < b.doc ? 1 : a.doc > b.doc ? -1 : 0));
}

export function evaluateRun(run: Run, qrels: Qrels, options: { precisionAt?: number[]; ndcgAt?: number[] } = {}): Evaluation {
  const precisionAt = options.precisionAt ?? [10, 30];
  const ndcgAt = options.ndcgAt ?? [10];
  const perTopic = new Map<string, TopicScores>();
  for (const [topic, judgements] of qrels) {
    const relevantCount = [...judgements.values()].filter((grade) => grade >= 1).length;
    if (relevantCount === 0) continue;
    const ranked = trecEvalOrder(run.get(topic) ?? []);
    let found = 0;
    let precisionSum = 0;
    ranked.forEach((hit, index) => {
      if ((judgements.get(hit.doc) ?? 0) >= 1) precisionSum += ++found / (index + 1);
    });
    const relevantInTop = (k: number) => ranked.slice(0, k).filter((hit) => (judgements.get(hit.doc) ?? 0) >= 1).length;
    const ideal = [...judgements.values()].filter((grade) => grade > 0).sort((a, b) => b - a);
    const dcg = (gains: number[], k: number) => gains.slice(0, k).reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
    perTopic.set(topic, {
      averagePrecision: precisionSum / relevantCount,
      precision: Object.fromEntries(precisionAt.map((k) => [k, relevantInTop(k) / k])),
      ndcg: Object.fromEntries(
        ndcgAt.map((k) => {
          const best = dcg(ideal, k);
          return [k, best === 0 ? 0 : dcg(ranked.map((hit) => Math.max(0, judgements.get(hit.doc) ?? 0)), k) / best];
        }),
      ),
    });
  }
  const scores = [...perTopic.values()];
  const mean = (pick: (topic: TopicScores) => number) => (scores.length === 0 ? 0 : scores.reduce((sum, topic) => sum + pick(topic), 0) / scores.length);
  return {
    topics: scores.length,
    map: mean((topic) => topic.averagePrecision),
    precision: Object.fromEntries(precisionAt.map((k) => [k, mean((topic) => topic.precision[k]!)])),
    ndcg: Object.fromEntries(ndcgAt.map((k) => [k, mean((topic) => topic.ndcg[k]!)])),
    perTopic,
  };
}
