// Python's random.Random (MT19937, seeded from an int the way CPython does), for the APIs' seeded ids and readings.

const N = 624;
const M = 397;

/**
 * The state ready for the first draw, by seed (seeded, then its first block of 624 words generated): a pure function of
 * the seed, and the simulated APIs use a handful of seeds, so an instance that draws starts from a copy.
 */
const seededStates = new Map<bigint, Uint32Array>();
const seededStatesKept = 64;

/** MT19937's next block of 624 words, in place. */
function generate(mt: Uint32Array): void {
  for (let k = 0; k < N; k += 1) {
    const y = ((mt[k] as number) & 0x80000000) | ((mt[(k + 1) % N] as number) & 0x7fffffff);
    mt[k] = ((mt[(k + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
  }
}

/** A `random.Random(seed)` producing the same numbers as CPython for randint() and uniform(). */
export class PythonRandom {
  /** The generator's state, seeded when the first number is drawn: most simulated instances never draw one. */
  private stateWords: Uint32Array | undefined;
  private index = N + 1;

  constructor(private readonly seed: bigint) {}

  private get state(): Uint32Array {
    if (this.stateWords === undefined) {
      const seeded = seededStates.get(this.seed);
      if (seeded) {
        this.stateWords = seeded.slice();
      } else {
        const mt = new Uint32Array(N);
        this.stateWords = mt;
        this.seedWithInt(this.seed);
        generate(mt);
        if (seededStates.size >= seededStatesKept) seededStates.clear();
        seededStates.set(this.seed, mt.slice());
      }
      // The first block is generated already (the first draw would have done it).
      this.index = 0;
    }
    return this.stateWords;
  }

  private initGenrand(seed: number): void {
    const mt = this.state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i += 1) {
      const previous = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
    this.index = N;
  }

  /** CPython seeds with the 32-bit words of abs(seed), least significant first ([0] for zero). */
  private seedWithInt(seed: bigint): void {
    let magnitude = seed < 0n ? -seed : seed;
    const key: number[] = [];
    do {
      key.push(Number(magnitude & 0xffffffffn));
      magnitude >>= 32n;
    } while (magnitude > 0n);
    const mt = this.state;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k -= 1) {
      const previous = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (((mt[i] as number) ^ Math.imul(previous, 1664525)) + (key[j] as number) + j) >>> 0;
      i += 1;
      j += 1;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k -= 1) {
      const previous = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (((mt[i] as number) ^ Math.imul(previous, 1566083941)) - i) >>> 0;
      i += 1;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private nextUint32(): number {
    const mt = this.state;
    if (this.index >= N) {
      generate(mt);
      this.index = 0;
    }
    let y = mt[this.index] as number;
    this.index += 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `getrandbits(k)`: 32-bit words, least significant first, the last one cut to the remaining bits. */
  getrandbits(bits: number): bigint {
    if (bits <= 32) return BigInt(this.nextUint32() >>> (32 - bits));
    let result = 0n;
    let shift = 0n;
    for (let remaining = bits; remaining > 0; remaining -= 32) {
      let word = this.nextUint32();
      if (remaining < 32) word >>>= 32 - remaining;
      result |= BigInt(word) << shift;
      shift += 32n;
    }
    return result;
  }

  private randbelow(n: bigint): bigint {
    const bits = n.toString(2).length;
    let r = this.getrandbits(bits);
    while (r >= n) r = this.getrandbits(bits);
    return r;
  }

  /** `randint(a, b)`, both ends included. */
  randint(low: bigint, high: bigint): bigint {
    const width = high - low + 1n;
    if (width <= 0n) throw new RangeError(`empty range in randint(${low}, ${high})`);
    return low + this.randbelow(width);
  }

  /** `random()`: 53 random bits as a float in [0, 1). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /** `uniform(a, b)`. */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }
}
