// The response check is a multiset containment, order free.
import { describe, expect, it } from "vitest";
import { missingResults } from "./response-check.js";

describe("missingResults", () => {
  it("needs each ground-truth result once per occurrence, in any order", () => {
    expect(missingResults(["a", "b"], ["b", "x", "a"])).toEqual([]);
    expect(missingResults(["a", "a"], ["a"])).toEqual(["a"]);
    expect(missingResults(["None"], [])).toEqual(["None"]);
    expect(missingResults(["ab", "ab", "cd", "x"], ["cd", "ab", "xy", "ab", "ab"])).toEqual(["x"]);
    expect(missingResults(["ab", "cd", "ab"], ["ab", "cd"])).toEqual(["ab"]);
  });
});
