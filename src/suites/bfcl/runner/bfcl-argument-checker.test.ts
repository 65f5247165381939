// The BFCL AST checker behind eval's argument scoring: raw FC text decoded faithfully, BFCL's own data preferred, crashes contained.
import { describe, expect, it } from "vitest";
import { parsePyJson } from "../checker/index.js";
import type { ArgumentCheckRequest } from "../../../eval/index.js";
import { scoreArguments } from "../../../eval/index.js";
import { bfclArgumentChecker } from "./bfcl-argument-checker.js";

const doc = { name: "calc", description: "C.", parameters: { type: "dict", properties: { x: { type: "integer" }, tags: { type: "array", items: { type: "float" } } }, required: ["x"] } };
const request = (overrides: Partial<ArgumentCheckRequest>): ArgumentCheckRequest => ({
  caseId: "c",
  category: "simple",
  language: "python",
  functions: [doc],
  calls: [{ name: "calc", arguments: '{"x": 3}' }],
  expected: [{ calc: { x: [3], tags: [""] } }],
  ...overrides,
});

describe("bfclArgumentChecker", () => {
  const check = bfclArgumentChecker();

  it("passes a right call and keeps ints and floats apart in the raw text", () => {
    expect(check(request({}))).toEqual({ valid: true, errors: [] });
    expect(check(request({ calls: [{ name: "calc", arguments: '{"x": 3.0}' }] }))).toMatchObject({ valid: false, errorType: "type_error:simple" });
  });

  it("needs BFCL's own possible answer to see that 1.0 is a float", () => {
    const nested = request({ calls: [{ name: "calc", arguments: '{"x": 3, "tags": [1, 3]}' }], expected: [{ calc: { x: [3], tags: [[1.0, 3.0]] } }] });
    // Through JSON a candidate 1.0 is the int 1, and ints then pass as BFCL's "variable" rule allows.
    expect(check(nested).valid).toBe(true);
    // From BFCL's file the candidates stay floats, and an int inside an array of float is BFCL's nested type error.
    const sources = new Map([["c", { functions: parsePyJson(JSON.stringify([doc])), groundTruth: parsePyJson('[{"calc": {"x": [3], "tags": [[1.0, 3.0]]}}]') }]]);
    expect(bfclArgumentChecker(sources)(nested)).toMatchObject({ valid: false, errorType: "type_error:nested" });
  });

  it("reports a decode failure as BFCL does", () => {
    expect(check(request({ calls: [{ name: "calc", arguments: "{x: 3" }] }))).toMatchObject({ valid: false, errorType: "ast_decoder:decoder_failed" });
  });

  it("prefers the data a BFCL case was built from", () => {
    const sources = new Map([["c", { functions: parsePyJson(JSON.stringify([doc])), groundTruth: parsePyJson('[{"calc": {"x": [4], "tags": [""]}}]') }]]);
    const withSource = bfclArgumentChecker(sources);
    expect(withSource(request({ calls: [{ name: "calc", arguments: '{"x": 4}' }] })).valid).toBe(true);
    expect(withSource(request({})).valid).toBe(false);
  });

  it("contains a checker crash to the case it belongs to", () => {
    const broken = { ...doc, parameters: { type: "dict", properties: { x: { type: "quaternion" } }, required: ["x"] } };
    expect(check(request({ functions: [broken] }))).toMatchObject({ valid: false, errorType: "bfcl_checker:exception" });
  });

  it("explains a parallel miss per parameter, not only as no match", () => {
    const score = scoreArguments(
      request({
        category: "parallel",
        calls: [
          { name: "calc", arguments: '{"x": 1}' },
          { name: "calc", arguments: '{"x": 9}' },
        ],
        expected: [{ calc: { x: [1], tags: [""] } }, { calc: { x: [2], tags: [""] } }],
      }),
      check,
    );
    expect(score.correct).toBe(false);
    expect(score.errors).toEqual([expect.objectContaining({ code: "value_error", function: "calc", param: "x", source: "value_error:others" })]);
  });
});
