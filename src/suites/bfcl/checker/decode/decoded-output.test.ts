// Choosing the decoder by result shape, and BFCL's checks of what a decoder returned.
import { describe, expect, it } from "vitest";
import { parsePyJson } from "../../../python/py-json.js";
import { PyDict } from "../../../python/py-value.js";
import { decodeAst, decodeExecute, isEmptyExecuteResponse, isEmptyOutput, isFunctionCallingFormat, resolvedMode } from "./decoded-output.js";

describe("resolvedMode", () => {
  it("reads a plain string as prompt mode in auto, anything else as FC; explicit modes win", () => {
    expect(resolvedMode("[f()]", "auto")).toBe("prompting");
    expect(resolvedMode(parsePyJson('["text"]'), "auto")).toBe("fc");
    expect(resolvedMode("[f()]", "fc")).toBe("fc");
  });
  it("so the same text decodes as a call in prompt mode and fails in FC mode", () => {
    expect(decodeAst("[f(a=1)]", "auto")).toHaveLength(1);
    expect(() => decodeAst("[f(a=1)]", "fc")).toThrow();
    expect(decodeExecute("[f(a=1)]", "prompting")).toEqual(["f(a=1)"]);
  });
});

describe("output shape", () => {
  it("accepts only a list of one-key dicts whose values are dicts", () => {
    expect(isFunctionCallingFormat(parsePyJson('[{"f": {}}, {"g": {"a": 1}}]'))).toBe(true);
    expect(isFunctionCallingFormat(parsePyJson("[]"))).toBe(true);
    expect(isFunctionCallingFormat(parsePyJson('[{"f": [1]}]'))).toBe(false);
    expect(isFunctionCallingFormat(parsePyJson('[{"f": {}, "g": {}}]'))).toBe(false);
    expect(isFunctionCallingFormat(parsePyJson('{"f": {}}'))).toBe(false);
  });
  it("counts [], [{}] and malformed output as no call, but a call without arguments as a call", () => {
    expect(isEmptyOutput(parsePyJson("[]"))).toBe(true);
    expect(isEmptyOutput([new PyDict()])).toBe(true);
    expect(isEmptyOutput("text")).toBe(true);
    expect(isEmptyOutput(parsePyJson('[{"f": {}}]'))).toBe(false);
    expect(isEmptyExecuteResponse([])).toBe(true);
    expect(isEmptyExecuteResponse([""])).toBe(true);
    expect(isEmptyExecuteResponse(["f()"])).toBe(false);
  });
});
