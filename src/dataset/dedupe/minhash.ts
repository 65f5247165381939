// MinHash signatures and LSH banding: near-duplicate candidates in one pass instead of comparing every pair.
// Implemented here (about 60 lines) rather than taken from npm: it needs only 32-bit integer hashing, and the bench
// measures its recall and precision against exact Jaccard brute force.

/**
 * One hash function per permutation: the shingle xor-ed with a per-permutation seed, then multiplied and mixed with
 * MurmurHash3's finaliser. 32-bit integer arithmetic only (Math.imul), so a signature costs a few ns per shingle.
 */
export class MinHasher {
  private readonly seeds: Uint32Array;

  constructor(readonly permutations = 128, seed = 0x5eed) {
    this.seeds = new Uint32Array(permutations);
    let state = seed >>> 0 || 1;
    for (let index = 0; index < permutations; index += 1) {
      // xorshift32: reproducible per-permutation seeds
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      this.seeds[index] = state >>> 0;
    }
  }

  signature(shingles: Uint32Array): Uint32Array {
    const signature = new Uint32Array(this.permutations).fill(0xffffffff);
    for (const shingle of shingles) {
      for (let index = 0; index < this.permutations; index += 1) {
        let h = Math.imul(shingle ^ this.seeds[index]!, 0xcc9e2d51);
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h = (h ^ (h >>> 16)) >>> 0;
        if (h < signature[index]!) signature[index] = h;
      }
    }
    return signature;
  }
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let index = 0; index < a.length; index += 1) if (a[index] === b[index]) same += 1;
  return same / a.length;
}

/** LSH index: signatures cut into bands; rows sharing any whole band are candidates. */
export class LshIndex {
  // Band keys are 32-bit hashes of the band's values, not strings: at 100k rows × 32 bands, string keys meant
  // millions of small strings for the garbage collector. A rare key collision only adds a candidate, and every
  // candidate is confirmed by exact Jaccard.
  private readonly buckets: Map<number, number[]>[];

  constructor(readonly bands: number, readonly rowsPerBand: number) {
    this.buckets = Array.from({ length: bands }, () => new Map<number, number[]>());
  }

  private bandKey(signature: Uint32Array, band: number): number {
    let hash = 0x811c9dc5 ^ band;
    for (let index = band * this.rowsPerBand; index < (band + 1) * this.rowsPerBand; index += 1) hash = Math.imul(hash ^ signature[index]!, 0x01000193);
    return hash >>> 0;
  }

  /** The rows sharing a band with this signature, without adding it. */
  candidates(signature: Uint32Array): Set<number> {
    const found = new Set<number>();
    for (let band = 0; band < this.bands; band += 1) {
      const key = this.bandKey(signature, band);
      for (const other of this.buckets[band]!.get(key) ?? []) found.add(other);
    }
    return found;
  }

  /** Adds a row and returns the earlier rows it shares a band with. */
  add(id: number, signature: Uint32Array): Set<number> {
    const candidates = new Set<number>();
    for (let band = 0; band < this.bands; band += 1) {
      const key = this.bandKey(signature, band);
      const bucket = this.buckets[band]!.get(key);
      if (bucket) {
        for (const other of bucket) candidates.add(other);
        bucket.push(id);
      } else {
        this.buckets[band]!.set(key, [id]);
      }
    }
    return candidates;
  }
}
