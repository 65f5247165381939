// Python's Ellipsis prints as "Ellipsis" and is hashable.
import { describe, expect, it } from "vitest";
import { PY_ELLIPSIS } from "./ellipsis.js";
import { pyRepr } from "../py-repr.js";
import { hashKeyOf, pyEquals } from "../py-value.js";

describe("PY_ELLIPSIS", () => {
  it("prints and compares like Python's Ellipsis", () => {
    expect(pyRepr(["a", PY_ELLIPSIS])).toBe("['a', Ellipsis]");
    expect(pyEquals(PY_ELLIPSIS, PY_ELLIPSIS)).toBe(true);
    expect(pyEquals(PY_ELLIPSIS, "...")).toBe(false);
    expect(hashKeyOf(PY_ELLIPSIS)).toContain("Ellipsis");
  });
});
