// json.loads as Python reads it.
import { describe, expect, it } from "vitest";
import { PyJsonError, parsePyJson } from "./py-json.js";
import type { PyDict } from "./py-value.js";

describe("parsePyJson", () => {
  it("keeps ints and floats apart and accepts NaN/Infinity", () => {
    const value = parsePyJson('{"a": 3, "b": 3.0, "c": 1e2, "d": [NaN, -Infinity], "e": "\\u00e9"}') as PyDict;
    expect(value.get("a")).toBe(3n);
    expect(value.get("b")).toBe(3);
    expect(value.get("c")).toBe(100);
    expect(Number.isNaN((value.get("d") as number[])[0])).toBe(true);
    expect(value.get("e")).toBe("é");
  });

  it("lets a repeated key keep its first position and last value", () => {
    const value = parsePyJson('{"x": 1, "y": 2, "x": 3}') as PyDict;
    expect(value.keys()).toEqual(["x", "y"]);
    expect(value.get("x")).toBe(3n);
  });

  it("rejects what Python rejects", () => {
    expect(() => parsePyJson("{'a': 1}")).toThrow(PyJsonError);
    expect(() => parsePyJson('"raw\nnewline"')).toThrow(PyJsonError);
    expect(() => parsePyJson("[1] 2")).toThrow(/Extra data/);
  });
});
