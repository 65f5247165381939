// Rendering Python state the way the reference's score files show it.
import { describe, expect, it } from "vitest";
import { toPlainJson } from "./to-plain-json.js";
import { PyDict, PySet } from "../py-value.js";

describe("toPlainJson", () => {
  it("keeps JSON-able data and prints the rest with str()", () => {
    const state = PyDict.of([
      [0n, PyDict.fromRecord({ tags: ["#a"], price: 2.5 })],
      ["ids", PySet.of([67410n])],
      ["big", 2n ** 60n],
    ]);
    expect(toPlainJson(state)).toEqual({ "0": { tags: ["#a"], price: 2.5 }, ids: "{67410}", big: "1152921504606846976" });
  });
});
