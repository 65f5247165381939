// The two standardisations differ on spaces and parentheses.
import { describe, expect, it } from "vitest";
import { standardizeAgenticString, standardizeAstString } from "./standardize.js";

describe("standardize", () => {
  it("AST strings lose spaces and ,./-_*^ but keep parentheses", () => {
    expect(standardizeAstString("New York, N.Y. (USA) 2^3 a*b 'x'")).toBe('newyorkny(usa)23ab"x"');
  });
  it("agentic answers keep spaces but lose parentheses", () => {
    expect(standardizeAgenticString("New York, N.Y. (USA) 2^3 a*b 'x'")).toBe('new york ny usa 23 ab "x"');
  });
});
