// MT19937 seeded like CPython: the ids and readings the APIs draw must be the reference's.
import { describe, expect, it } from "vitest";
import { PythonRandom } from "./random.js";

describe("PythonRandom", () => {
  it("draws the same randint sequence as random.Random(seed)", () => {
    const travel = new PythonRandom(141053n);
    expect([travel.randint(100000n, 999999n), travel.randint(100000n, 999999n), travel.randint(100000n, 999999n)]).toEqual([251675n, 966117n, 376965n]);
    // 40-bit draws use two 32-bit words.
    expect(travel.randint(100000000000n, 999999999999n)).toBe(307751534385n);
    expect(travel.randint(10000n, 99999n)).toBe(55040n);
    expect(new PythonRandom(200191n).randint(10000n, 99999n)).toBe(67410n);
    const trading = new PythonRandom(1053520n);
    expect([trading.randint(0n, 86400n), trading.randint(0n, 86400n), trading.randint(0n, 86400n)]).toEqual([69015n, 6994n, 64788n]);
  });

  it("matches uniform(), getrandbits() and multi-word seeds", () => {
    const random = new PythonRandom(141053n);
    expect(random.uniform(-10, 40)).toBe(36.63485703790535);
    expect(random.uniform(0, 120)).toBe(99.11925428879405);
    const zero = new PythonRandom(0n);
    expect(zero.randint(1n, 10n)).toBe(7n);
    expect(zero.getrandbits(64)).toBe(16422101724900707500n);
    expect(new PythonRandom(2n ** 40n + 5n).randint(1n, 1000000n)).toBe(528882n);
  });

  it("carries on past each block of 624 words, from a fresh seed and from one seeded before", () => {
    // CPython: r = random.Random(141053); [r.getrandbits(32) for _ in range(1300)] at 623, 624 and 1299.
    for (let round = 0; round < 2; round++) {
      const random = new PythonRandom(141053n);
      const words = Array.from({ length: 1300 }, () => random.getrandbits(32));
      expect([words[623], words[624], words[1299]]).toEqual([3763907309n, 1254160679n, 379181260n]);
    }
  });
});
