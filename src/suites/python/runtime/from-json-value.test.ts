// Converting parsed JSON into Python values without losing int vs float where the input still knows it.
import { LosslessNumber, parse } from "lossless-json";
import { describe, expect, it } from "vitest";
import { fromJsonInput, fromJsonValue } from "./from-json-value.js";
import { PyDict, PyTuple } from "../py-value.js";

describe("fromJsonValue", () => {
  it("keeps floats from raw text and lossless-json", () => {
    expect((fromJsonInput('{"fuel": 10.0, "n": 3}') as PyDict).get("fuel")).toBe(10);
    expect((fromJsonInput('{"n": 3}') as PyDict).get("n")).toBe(3n);
    const lossless = fromJsonValue(parse('{"fuel": 10.0, "n": 3}')) as PyDict;
    expect(lossless.get("fuel")).toBe(10);
    expect(lossless.get("n")).toBe(3n);
    expect(fromJsonValue(new LosslessNumber("2.5"))).toBe(2.5);
  });

  it("reads Python-style containers, where plain numbers are floats", () => {
    const pythonStyle = { entries: () => [["balance", 10] as const, ["id", 7n] as const] };
    const converted = fromJsonValue(pythonStyle) as PyDict;
    expect(converted.get("balance")).toBe(10);
    expect(converted.get("id")).toBe(7n);
    expect(fromJsonValue({ items: [1n, 2] })).toEqual(new PyTuple([1n, 2]));
  });

  it("applies the given policy to integral plain numbers", () => {
    expect(fromJsonValue({ n: 3 })).toEqual(PyDict.of([["n", 3n]]));
    expect(() =>
      fromJsonValue({ n: 3 }, () => {
        throw new Error("ambiguous");
      }),
    ).toThrow("ambiguous");
  });
});
