// FC decoding as BFCL's FC handlers do it: first key per item, arguments as a JSON string.
import { describe, expect, it } from "vitest";
import { parsePyJson } from "../../../python/py-json.js";
import { pyRepr } from "../../../python/py-repr.js";
import { decodeAstFc, decodeExecuteFc } from "./decode-fc.js";
import { DecodeError } from "./decode-error.js";
import { PyJsonError } from "../../../python/py-json.js";

const json = (text: string) => parsePyJson(text);

describe("decodeAstFc", () => {
  it("decodes each item's first key and its JSON arguments, ints and floats apart", () => {
    expect(pyRepr(decodeAstFc(json('[{"f": "{\\"a\\": 1, \\"b\\": 1.0}"}, {"g": "{}", "ignored": "x"}]')))).toBe("[{'f': {'a': 1, 'b': 1.0}}, {'g': {}}]");
    expect(decodeAstFc(json("[]"))).toEqual([]);
    expect(decodeAstFc("")).toEqual([]);
  });
  it("fails where Python fails: text, non-dict items, empty items, non-string or broken arguments", () => {
    expect(() => decodeAstFc("some text")).toThrow(DecodeError);
    expect(() => decodeAstFc(json('["text"]'))).toThrow(/'str' object has no attribute 'keys'/);
    expect(() => decodeAstFc(json("[{}]"))).toThrow(/list index out of range/);
    expect(() => decodeAstFc(json('[{"f": {"a": 1}}]'))).toThrow(/must be str, bytes or bytearray, not dict/);
    expect(() => decodeAstFc(json('[{"f": "{bad"}]'))).toThrow(PyJsonError);
    expect(() => decodeAstFc(5n)).toThrow(/not iterable/);
  });
});

describe("decodeExecuteFc", () => {
  it("prints every key of every item as `name(k=repr(v),…)`", () => {
    expect(decodeExecuteFc(json('[{"cd": "{\\"folder\\": \\"doc\\", \\"n\\": 2.0}", "ls": "{}"}]'))).toEqual(["cd(folder='doc',n=2.0)", "ls()"]);
    expect(decodeExecuteFc(json('{"f": {"x": [1, null]}}'))).toEqual(["f(x=[1, None])"]);
    expect(decodeExecuteFc(json("[]"))).toEqual([]);
  });
  it("fails on text, which is how an agentic answer step is told apart from a call", () => {
    expect(() => decodeExecuteFc("The answer is 4.")).toThrow(DecodeError);
    expect(() => decodeExecuteFc(json('["The answer is 4."]'))).toThrow(/'str' object has no attribute 'items'/);
    expect(() => decodeExecuteFc(json('[{"f": "[1]"}]'))).toThrow(/'list' object has no attribute 'items'/);
  });
});
