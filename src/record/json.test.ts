import { describe, expect, it } from "vitest";
import { canonicalJson, defineOwn, digestOf } from "./json.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it("gives equal digests for equal values built in a different order", () => {
    expect(digestOf({ x: 1, y: "2" })).toBe(digestOf({ y: "2", x: 1 }));
    expect(digestOf({ x: 1 })).not.toBe(digestOf({ x: 2 }));
    expect(digestOf({ x: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("refuses values JSON cannot carry", () => {
    expect(() => canonicalJson(() => 1)).toThrow(/cannot serialise a function/);
  });
});

describe("defineOwn", () => {
  it("keeps __proto__ as an own data key", () => {
    const target: Record<string, unknown> = {};
    defineOwn(target, "__proto__", { polluted: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
