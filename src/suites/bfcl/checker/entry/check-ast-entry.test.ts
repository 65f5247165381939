// One AST entry end to end: decoder failure, wrong shape, checker verdict, and prompt-mode Java refused.
import { describe, expect, it } from "vitest";
import { parsePyJson } from "../../../python/py-json.js";
import { checkAstEntry, UnsupportedResultError } from "./check-ast-entry.js";

const functions = parsePyJson('[{"name": "f", "parameters": {"properties": {"a": {"type": "integer"}}, "required": ["a"]}}]');
const groundTruth = parsePyJson('[{"f": {"a": [1]}}]');
const entry = (result: unknown, category = "simple_python") =>
  checkAstEntry({ result: result as never, functions, groundTruth, category, language: category.includes("java") ? "java" : "python", mode: "auto", underscoreToDot: false });

describe("checkAstEntry", () => {
  it("decodes FC or prompt output and checks it", () => {
    expect(entry(parsePyJson('[{"f": "{\\"a\\": 1}"}]')).valid).toBe(true);
    expect(entry("[f(a=1)]").valid).toBe(true);
    expect(entry("[f(a=2)]")).toMatchObject({ errorType: "value_error:others" });
  });
  it("separates output that does not decode from output that decodes to the wrong shape", () => {
    expect(entry(parsePyJson('["no call"]'))).toMatchObject({ errorType: "ast_decoder:decoder_failed" });
    expect(entry(parsePyJson('[{"f": "[1]"}]'))).toMatchObject({
      errorType: "ast_decoder:decoder_wrong_output_format",
      errors: ["Did not output in the specified format. Note: the model_result is wrapped in a string to ensure json serializability."],
    });
  });
  it("refuses prompt-mode Java rather than judging it with the Python parser", () => {
    expect(() => entry("[f(a='1')]", "simple_java")).toThrow(UnsupportedResultError);
  });
});
