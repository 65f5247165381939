// Reading a stored example map back: its shape checked, errors that name the fix.
import { describe, expect, it } from "vitest";
import { RouterConfigError } from "./errors.js";
import { parseToolExamples } from "./tool-examples.js";

describe("parseToolExamples", () => {
  it("keeps every tool's examples, drops blank ones, and keeps a __proto__ key as data", () => {
    const examples = parseToolExamples(JSON.parse('{"issue_refund":["refund me","  "],"__proto__":["x"],"unused":[]}'));
    expect(examples).toEqual({ issue_refund: ["refund me"], ["__proto__"]: ["x"], unused: [] });
    expect(Object.getPrototypeOf(examples)).toBe(Object.prototype);
  });

  it("names the misshapen entry and the expected shape", () => {
    expect(() => parseToolExamples(["refund me"])).toThrow(RouterConfigError);
    expect(() => parseToolExamples(["refund me"])).toThrow(/^examples must be a JSON object mapping each tool name to a list of example requests, e\.g\. .*; got a list$/);
    expect(() => parseToolExamples({ issue_refund: "refund me" })).toThrow(/^examples for "issue_refund" must be a list of request strings; got string\. The file must be a JSON object/);
    expect(() => parseToolExamples({ issue_refund: ["ok", 3] })).toThrow(/got a list holding non-strings/);
    expect(() => parseToolExamples(null)).toThrow(/got null$/);
  });
});
