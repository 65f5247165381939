// `--suite bfcl:…` names: categories in order, group shorthands, and a clear refusal of what eval run cannot drive.
import { describe, expect, it } from "vitest";
import { BfclSuiteError, parseBfclSuite } from "./bfcl-suite-name.js";

describe("parseBfclSuite", () => {
  it("reads categories in the order given, expanding groups without repeats", () => {
    expect(parseBfclSuite("bfcl:simple_python, multiple")).toEqual(["simple_python", "multiple"]);
    expect(parseBfclSuite("bfcl:irrelevance,non_live")).toEqual(["irrelevance", "simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple"]);
  });

  it("names the fix for what it cannot run", () => {
    expect(() => parseBfclSuite("simple_python")).toThrow(/write bfcl:<category>\[,<category>…\], e\.g\. --suite bfcl:simple_python,multiple/);
    expect(() => parseBfclSuite("bfcl:")).toThrow(BfclSuiteError);
    expect(() => parseBfclSuite("bfcl:multi_turn_base")).toThrow(/needs BFCL's simulated environments in the loop.*`toolgate eval score`/);
    expect(() => parseBfclSuite("bfcl:simple_cobol")).toThrow(/simple_cobol is not a BFCL category eval run knows\. Runnable: simple_python/);
  });
});
