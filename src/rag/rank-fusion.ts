// Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each list votes 1 / (k + rank) for its items, so a
// chunk both the lexical and the vector list rank well beats one that only one list likes, and the lists' incomparable
// scores (BM25 vs cosine) never need calibrating against each other.

/** k = 60, the constant of the original paper (and of most engines that offer RRF). */
const defaultRrfK = 60;

export interface FusedHit {
  key: number;
  score: number;
  /** 1-based rank in each list that holds the item (absent from a list: no entry). */
  ranks: { lexical?: number; vector?: number };
}

export function reciprocalRankFusion(lists: { lexical: readonly number[]; vector: readonly number[] }, options: { k?: number; limit?: number } = {}): FusedHit[] {
  const k = options.k ?? defaultRrfK;
  if (!(k >= 0)) throw new RangeError(`reciprocal rank fusion: k must be 0 or more, got ${k}`);
  const fused = new Map<number, FusedHit>();
  const vote = (list: readonly number[], which: "lexical" | "vector") => {
    list.forEach((key, index) => {
      let hit = fused.get(key);
      if (!hit) fused.set(key, (hit = { key, score: 0, ranks: {} }));
      // A key listed twice in one list counts once, at its best rank.
      if (hit.ranks[which] !== undefined) return;
      hit.ranks[which] = index + 1;
      hit.score += 1 / (k + index + 1);
    });
  };
  vote(lists.lexical, "lexical");
  vote(lists.vector, "vector");
  // Ties (same votes) go to the better lexical rank, then the better vector rank, then the key: deterministic.
  const ranked = [...fused.values()].sort(
    (a, b) => b.score - a.score || (a.ranks.lexical ?? Infinity) - (b.ranks.lexical ?? Infinity) || (a.ranks.vector ?? Infinity) - (b.ranks.vector ?? Infinity) || a.key - b.key,
  );
  return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
}
