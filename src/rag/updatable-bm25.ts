// The BM25 engine of bm25.ts, updatable in place: documents are added and removed one at a time with their postings
// and the collection statistics (document count, document frequencies, average length), so a store that changes does
// not rebuild its index. Scores are the ones a fresh `createBm25Index` over the live documents gives (same formula,
// same float32 rounding of the per-posting impact), and ties go to the smaller key, as a rebuild in key order does.
import type { Bm25Hit, Bm25Options, QueryTerms } from "./bm25.js";
import { decodeLuceneNorm, encodeLuceneNorm } from "./lucene-norm.js";

export interface UpdatableBm25Index {
  /** Live documents. */
  readonly size: number;
  /** Adds a document under `key` (replacing one already there). */
  add(key: number, terms: readonly string[]): void;
  /** False when `key` is not in the index. */
  remove(key: number): boolean;
  has(key: number): boolean;
  /** Hits carry the document's key in `doc`. `filter` (by key) runs before a document is scored. */
  search(query: QueryTerms, options?: { k?: number; filter?: (key: number) => boolean }): Bm25Hit[];
}

/** A growable posting list: slots and term frequencies. */
interface Postings {
  slots: Int32Array;
  tfs: Uint16Array;
  length: number;
  /** Live documents holding the term. */
  df: number;
  /** Each posting's tf part of the score, for the average length in `impactsFor`: recomputed per term when it changed. */
  impacts: Float32Array;
  impactsFor: number;
}

export function createUpdatableBm25Index(options: Bm25Options = {}): UpdatableBm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const lucene = options.flavour === "lucene";
  const numerator = lucene ? 1 : k1 + 1;
  const postings = new Map<string, Postings>();
  const slotOf = new Map<number, number>();
  // Per slot: key, exact length, scored length, liveness, and its distinct terms (for removal's df bookkeeping).
  let keys = new Float64Array(1024);
  let lengths = new Int32Array(1024);
  let scoredLengths = new Float64Array(1024);
  let live = new Uint8Array(1024);
  let slotTerms: Array<string[] | undefined> = [];
  let slots = 0;
  let liveCount = 0;
  let totalLength = 0;
  // k1 * (1 - b + b * length / average) per slot, for the average it was computed with.
  let norms = new Float64Array(1024);
  let normsFor = Number.NaN;
  // Reused between searches (one search runs at a time): nothing proportional to the collection is allocated per query.
  let scratch = new Float64Array(0);
  let state = new Uint8Array(0);
  let touched = new Int32Array(0);

  const grow = () => {
    const capacity = keys.length * 2;
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(from: T, make: (n: number) => T): T => {
      const to = make(capacity);
      to.set(from);
      return to;
    };
    keys = copy(keys, (n) => new Float64Array(n));
    lengths = copy(lengths, (n) => new Int32Array(n));
    scoredLengths = copy(scoredLengths, (n) => new Float64Array(n));
    live = copy(live, (n) => new Uint8Array(n));
    norms = new Float64Array(capacity);
    normsFor = Number.NaN;
  };

  const averageLength = () => (liveCount === 0 ? 0 : totalLength / liveCount || 1);

  const refreshNorms = () => {
    const average = averageLength();
    if (average === normsFor) return;
    for (let slot = 0; slot < slots; slot++) norms[slot] = k1 * (1 - b + (b * scoredLengths[slot]!) / average);
    normsFor = average;
  };

  /** Drops dead slots from every posting list once they are a third of all slots: removal stays O(its terms) amortised. */
  const compact = () => {
    const remap = new Int32Array(slots).fill(-1);
    let next = 0;
    for (let slot = 0; slot < slots; slot++) {
      if (!live[slot]) continue;
      remap[slot] = next;
      keys[next] = keys[slot]!;
      lengths[next] = lengths[slot]!;
      scoredLengths[next] = scoredLengths[slot]!;
      live[next] = 1;
      slotTerms[next] = slotTerms[slot];
      slotOf.set(keys[next]!, next);
      next++;
    }
    live.fill(0, next, slots);
    slotTerms = slotTerms.slice(0, next);
    slots = next;
    for (const [term, list] of postings) {
      let kept = 0;
      for (let at = 0; at < list.length; at++) {
        const slot = remap[list.slots[at]!]!;
        if (slot < 0) continue;
        list.slots[kept] = slot;
        list.tfs[kept] = list.tfs[at]!;
        kept++;
      }
      list.length = kept;
      list.impactsFor = Number.NaN;
      if (kept === 0) postings.delete(term);
    }
    normsFor = Number.NaN;
  };

  const index: UpdatableBm25Index = {
    get size() {
      return liveCount;
    },
    add(key, terms) {
      if (slotOf.has(key)) index.remove(key);
      if (slots === keys.length) grow();
      const slot = slots++;
      keys[slot] = key;
      lengths[slot] = terms.length;
      scoredLengths[slot] = lucene ? decodeLuceneNorm(encodeLuceneNorm(terms.length)) : terms.length;
      live[slot] = 1;
      slotOf.set(key, slot);
      liveCount++;
      totalLength += terms.length;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      slotTerms[slot] = [...counts.keys()];
      for (const [term, tf] of counts) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = { slots: new Int32Array(4), tfs: new Uint16Array(4), length: 0, df: 0, impacts: new Float32Array(4), impactsFor: Number.NaN }));
        if (list.length === list.slots.length) {
          const slotsCopy = new Int32Array(list.length * 2);
          slotsCopy.set(list.slots);
          const tfsCopy = new Uint16Array(list.length * 2);
          tfsCopy.set(list.tfs);
          list.slots = slotsCopy;
          list.tfs = tfsCopy;
          list.impacts = new Float32Array(list.length * 2);
        }
        list.impactsFor = Number.NaN;
        list.slots[list.length] = slot;
        list.tfs[list.length] = Math.min(tf, 65_535);
        list.length++;
        list.df++;
      }
      normsFor = Number.NaN;
    },
    remove(key) {
      const slot = slotOf.get(key);
      if (slot === undefined) return false;
      slotOf.delete(key);
      live[slot] = 0;
      liveCount--;
      totalLength -= lengths[slot]!;
      for (const term of slotTerms[slot] ?? []) postings.get(term)!.df--;
      slotTerms[slot] = undefined;
      normsFor = Number.NaN;
      if (slots >= 64 && slots - liveCount > slots / 3) compact();
      return true;
    },
    has: (key) => slotOf.has(key),
    search(query, searchOptions = {}) {
      const k = searchOptions.k ?? 10;
      if (k <= 0 || liveCount === 0) return [];
      refreshNorms();
      const filter = searchOptions.filter;
      if (scratch.length < slots) {
        scratch = new Float64Array(keys.length);
        state = new Uint8Array(keys.length);
        touched = new Int32Array(keys.length);
      }
      let count = 0;
      for (const [term, weight] of query) {
        const list = postings.get(term);
        if (!list || list.df === 0 || weight <= 0) continue;
        const factor = Math.log(1 + (liveCount - list.df + 0.5) / (list.df + 0.5)) * weight;
        // Everything but the idf and the query weight is fixed per (term, document) for one average length: computed once
        // per term after a change, so a search between changes is a sum of stored impacts, as in the static index.
        if (list.impactsFor !== normsFor) {
          const { slots: listSlots, tfs, impacts } = list;
          for (let at = 0; at < list.length; at++) {
            const tf = tfs[at]!;
            impacts[at] = (tf * numerator) / (tf + norms[listSlots[at]!]!);
          }
          list.impactsFor = normsFor;
        }
        const impacts = list.impacts;
        for (let at = 0; at < list.length; at++) {
          const slot = list.slots[at]!;
          if (!live[slot]) continue;
          // 0: not met yet this search, 1: scored, 2: refused by the filter (never scored).
          if (state[slot] === 0) {
            touched[count++] = slot;
            state[slot] = filter && !filter(keys[slot]!) ? 2 : 1;
          }
          if (state[slot] === 2) continue;
          scratch[slot]! += factor * impacts[at]!;
        }
      }
      const hits: Bm25Hit[] = [];
      for (let at = 0; at < count; at++) {
        const slot = touched[at]!;
        const score = scratch[slot]!;
        if (state[slot] === 1 && score > 0) {
          const key = keys[slot]!;
          // Most candidates lose to the current k-th: rejected before any object is made.
          if (hits.length < k || better(score, key, hits[k - 1]!)) keepTopK(hits, { doc: key, score }, k);
        }
        scratch[slot] = 0;
        state[slot] = 0;
      }
      return hits;
    },
  };
  return index;
}

function better(score: number, key: number, than: Bm25Hit): boolean {
  return score > than.score || (score === than.score && key < than.doc);
}

/** Keeps `hits` as the best `k` so far, by score then smaller key. */
function keepTopK(hits: Bm25Hit[], hit: Bm25Hit, k: number): void {
  if (hits.length === k && !better(hit.score, hit.doc, hits[k - 1]!)) return;
  let position = hits.length;
  while (position > 0 && better(hit.score, hit.doc, hits[position - 1]!)) position--;
  hits.splice(position, 0, hit);
  if (hits.length > k) hits.pop();
}
