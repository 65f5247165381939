// Decision scoring: the right functions as a multiset, or rightly none, and which way a wrong decision went.
import { describe, expect, it } from "vitest";
import { scoreAnyCall, scoreDecision } from "./decision.js";

describe("scoreDecision", () => {
  it("accepts the expected functions in any order", () => {
    expect(scoreDecision(["a", "b", "a"], ["b", "a", "a"])).toMatchObject({ correct: true, errors: [] });
  });

  it("names a wrong choice, a missing call and an extra call", () => {
    expect(scoreDecision(["area"], ["perimeter"]).errors).toEqual([{ code: "wrong_function", expected: "area", actual: "perimeter" }]);
    expect(scoreDecision(["a", "a"], ["a"]).errors).toEqual([{ code: "missing_call", expected: "a" }]);
    expect(scoreDecision(["a"], ["a", "b"]).errors).toEqual([{ code: "extra_call", actual: "b" }]);
    expect(scoreDecision(["a", "b"], [])).toMatchObject({ correct: false, errors: [{ code: "missing_call" }, { code: "missing_call" }] });
  });

  it("scores a no-call case: right when silent, unexpected_call per call otherwise", () => {
    expect(scoreDecision([], []).correct).toBe(true);
    expect(scoreDecision([], ["a"])).toMatchObject({ correct: false, errors: [{ code: "unexpected_call", actual: "a" }] });
  });
});

describe("scoreAnyCall", () => {
  it("is right for any call and wrong for none", () => {
    expect(scoreAnyCall(["whatever"]).correct).toBe(true);
    expect(scoreAnyCall([])).toMatchObject({ correct: false, errors: [{ code: "missing_call" }] });
  });
});
