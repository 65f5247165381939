import { describe, expect, it } from "vitest";
import { decodeArguments } from "./decode-arguments.js";

describe("decodeArguments", () => {
  it("decodes an object and remembers which numbers were written as floats", () => {
    const result = decodeArguments('{"a": 3, "b": 3.0, "c": [1, 2.5e1], "d": {"e": -0.5}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ a: 3, b: 3, c: [1, 25], d: { e: -0.5 } });
    expect(result.floatPaths).toEqual(["/b", "/c/1", "/d/e"]);
    expect(result.repairs).toEqual([]);
  });

  it("repairs malformed JSON and records the original and the repair", () => {
    const result = decodeArguments("{'city': 'Paris', unit: 'c',}");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ city: "Paris", unit: "c" });
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]).toMatchObject({ original: "{'city': 'Paris', unit: 'c',}", description: "malformed JSON repaired" });
    expect(JSON.parse(result.repairs[0]!.repaired)).toEqual({ city: "Paris", unit: "c" });
  });

  it("refuses malformed JSON when repair is off", () => {
    const result = decodeArguments('{"city": "Paris",}', { repair: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid_json");
    expect(result.error.expected).toBe("a JSON object");
  });

  it("reads empty text as no arguments, recorded as a repair", () => {
    const result = decodeArguments("  ");
    expect(result).toMatchObject({ ok: true, value: {} });
    expect(result.repairs[0]?.description).toMatch(/empty/);
  });

  it("unwraps a JSON object encoded twice", () => {
    const result = decodeArguments(JSON.stringify(JSON.stringify({ city: "Oslo" })));
    expect(result).toMatchObject({ ok: true, value: { city: "Oslo" } });
    expect(result.repairs[0]?.description).toMatch(/decoded once more/);
  });

  it("rejects non-object arguments with the type received", () => {
    const result = decodeArguments("[1,2]");
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_arguments", expected: "object", received: "array", path: "" } });
  });

  it("keeps __proto__ and constructor as plain data keys", () => {
    const result = decodeArguments('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("limits size, depth and integer precision", () => {
    expect(decodeArguments(`{"a":"${"x".repeat(2000)}"}`, { maxBytes: 1000 })).toMatchObject({ ok: false, error: { code: "invalid_json" } });
    const deep = `{"a":${"[".repeat(100)}${"]".repeat(100)}}`;
    expect(decodeArguments(deep)).toMatchObject({ ok: false, error: { code: "invalid_arguments", message: expect.stringMatching(/deeper than 64/) } });
    const veryDeep = `{"a":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    expect(decodeArguments(veryDeep, { maxBytes: 10_000_000 }).ok).toBe(false);
    expect(decodeArguments('{"n": 123456789012345678901}')).toMatchObject({ ok: false, error: { path: "/n", code: "invalid_arguments" } });
  });
});
