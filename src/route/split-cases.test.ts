// Deterministic train/held-out splits keyed by content.
import { describe, expect, it } from "vitest";
import { splitCases } from "./split-cases.js";

describe("splitCases", () => {
  const items = Array.from({ length: 2000 }, (_, index) => ({ query: `query ${index % 1000}`, id: index }));

  it("holds out about the asked share, the same way every time and in any order", () => {
    const { train, heldOut } = splitCases(items, { key: (item) => item.query });
    expect(train.length + heldOut.length).toBe(2000);
    expect(heldOut.length / 2000).toBeGreaterThan(0.15);
    expect(heldOut.length / 2000).toBeLessThan(0.25);
    const again = splitCases([...items].reverse(), { key: (item) => item.query });
    expect(new Set(again.heldOut.map((item) => item.id))).toEqual(new Set(heldOut.map((item) => item.id)));
  });

  it("keeps items with the same key on one side, and a new salt draws a new split", () => {
    const { train, heldOut } = splitCases(items, { key: (item) => item.query });
    const trainQueries = new Set(train.map((item) => item.query));
    expect(heldOut.some((item) => trainQueries.has(item.query))).toBe(false);
    const salted = splitCases(items, { key: (item) => item.query, salt: "2" });
    expect(salted.heldOut.map((item) => item.id)).not.toEqual(heldOut.map((item) => item.id));
    expect(() => splitCases(items, { key: (item) => item.query, heldOut: 2 })).toThrow(/between 0 and 1/);
  });
});
