// Python's str.splitlines/split/rstrip and the AttributeError for non-str receivers.
import { describe, expect, it } from "vitest";
import { requireStr, rstrip, splitWhitespace, splitlines } from "./str-methods.js";

describe("str methods", () => {
  it("splits lines on every Python line boundary and drops a final empty line", () => {
    expect(splitlines("a\nb\r\nc\rd\x1ce\u2028f\n")).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(splitlines("")).toEqual([]);
    expect(splitlines("\n")).toEqual([""]);
  });

  it("splits on runs of whitespace and strips trailing characters", () => {
    expect(splitWhitespace("  one\u00a0two\tthree \x1f")).toEqual(["one", "two", "three"]);
    expect(rstrip("docs//", "/")).toBe("docs");
    expect(() => requireStr(5n, "lower")).toThrow("'int' object has no attribute 'lower'");
  });
});
