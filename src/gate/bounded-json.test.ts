import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotJsonError, serializeBounded } from "./bounded-json.js";

describe("serializeBounded", () => {
  it("writes exactly what JSON.stringify writes when the value fits", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const value = {
      a: [1, -0, "x\n\"\\", null, undefined, () => 1, Symbol("s")],
      when: new Date("2026-01-01T00:00:00Z"),
      boxed: [Object(1), Object("s"), Object(false)],
      skip: undefined,
      fn: () => 2,
      point: new Point(1, 2),
      custom: { toJSON: (key: string) => `custom:${key}` },
      gone: { toJSON: () => undefined },
      unicode: "€😀\u2028",
      lone: "\ud800x",
    };
    expect(serializeBounded(value, 1 << 20)).toEqual({ complete: true, text: JSON.stringify(value), bytes: Buffer.byteLength(JSON.stringify(value)) });
    expect(serializeBounded(undefined, 10).text).toBe("null");
  });

  it("agrees with JSON.stringify on arbitrary JSON values, and its cut is always a prefix of it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 200 }), (value, cap) => {
        const full = JSON.stringify(value);
        const bounded = serializeBounded(value, cap);
        expect(full.startsWith(bounded.text)).toBe(true);
        expect(bounded.bytes).toBe(Buffer.byteLength(bounded.text));
        expect(bounded.bytes).toBeLessThanOrEqual(cap);
        expect(bounded.complete).toBe(Buffer.byteLength(full) <= cap);
        if (bounded.complete) expect(bounded.text).toBe(full);
      }),
      { numRuns: 300 },
    );
  });

  it("escapes long strings slice by slice without splitting surrogate pairs", () => {
    const text = `${"a".repeat(8191)}😀${"\"".repeat(10_000)}`;
    expect(serializeBounded(text, 1 << 20).text).toBe(JSON.stringify(text));
    const cut = serializeBounded("€".repeat(100), 50);
    expect(cut).toEqual({ complete: false, text: `"${"€".repeat(16)}`, bytes: 49 });
  });

  it("refuses what JSON cannot carry, before the cap", () => {
    expect(() => serializeBounded({ n: 10n }, 100)).toThrow(NotJsonError);
    expect(() => serializeBounded([Number.NaN], 100)).toThrow(/NaN is not a JSON number/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => serializeBounded(cyclic, 100)).toThrow(/cycle/);
    // A shared (not cyclic) object is written twice, as JSON.stringify does.
    const shared = { k: 1 };
    expect(serializeBounded([shared, shared], 100).text).toBe('[{"k":1},{"k":1}]');
  });

  it("stops at the cap: a 200,000-element array is not walked past it", () => {
    let visited = 0;
    const items = Array.from({ length: 200_000 }, (_, index) => ({ toJSON: () => (visited++, index) }));
    const bounded = serializeBounded(items, 1000);
    expect(bounded.complete).toBe(false);
    expect(visited).toBeLessThan(400);
  });
});
