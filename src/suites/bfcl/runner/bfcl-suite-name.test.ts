// `--suite bfcl:…` names: categories in order, group shorthands, multi-turn, and a clear refusal of what eval run cannot drive.
import { describe, expect, it } from "vitest";
import { BfclSuiteError, isMultiTurnBfclCategory, parseBfclSuite } from "./bfcl-suite-name.js";

describe("parseBfclSuite", () => {
  it("reads categories in the order given, expanding groups without repeats", () => {
    expect(parseBfclSuite("bfcl:simple_python, multiple")).toEqual(["simple_python", "multiple"]);
    expect(parseBfclSuite("bfcl:irrelevance,non_live")).toEqual(["irrelevance", "simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple"]);
  });

  it("runs the multi-turn categories, alone or as the multi_turn group", () => {
    expect(parseBfclSuite("bfcl:multi_turn_base")).toEqual(["multi_turn_base"]);
    expect(parseBfclSuite("bfcl:simple_python,multi_turn")).toEqual(["simple_python", "multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"]);
    expect(isMultiTurnBfclCategory("multi_turn_long_context")).toBe(true);
    expect(isMultiTurnBfclCategory("simple_python")).toBe(false);
  });

  it("names the fix for what it cannot run", () => {
    expect(() => parseBfclSuite("simple_python")).toThrow(/write bfcl:<category>\[,<category>…\], e\.g\. --suite bfcl:simple_python,multiple/);
    expect(() => parseBfclSuite("bfcl:")).toThrow(BfclSuiteError);
    expect(() => parseBfclSuite("bfcl:web_search_base")).toThrow(/^--suite bfcl:web_search_base: web_search_base needs BFCL's live web search backend.*`toolgate eval score`$/);
    expect(() => parseBfclSuite("bfcl:agentic")).toThrow(/^--suite bfcl:agentic: agentic needs/);
    expect(() => parseBfclSuite("bfcl:simple_cobol")).toThrow(/simple_cobol is not a BFCL category eval run knows\. Runnable: simple_python/);
  });
});
