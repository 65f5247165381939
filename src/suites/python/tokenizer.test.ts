// CPython's tokens for the literals, names and operators model output uses.
import { describe, expect, it } from "vitest";
import { PySyntaxError, PyUnsupportedSyntaxError } from "./python-ast.js";
import { PyComplex } from "./py-complex.js";
import { tokenize } from "./tokenizer.js";

const values = (source: string) => tokenize(source).map((token) => ("value" in token ? token.value : token.kind));

describe("tokenize", () => {
  it("reads every number form, ints as bigint and floats as number", () => {
    expect(values("0x1F 0o17 0b101 1_000 1e3 .5 5. 1j 00")).toEqual([31n, 15n, 5n, 1000n, 1000, 0.5, 5, new PyComplex(0, 1), 0n, "end"]);
    expect(() => tokenize("01")).toThrow(/leading zeros/);
    expect(() => tokenize("1abc")).toThrow(/invalid decimal literal/);
  });
  it("reads strings with prefixes, escapes, triple quotes and raw backslashes", () => {
    expect(values(`'a\\'b' "q\\"" '\\x41\\u00e9\\101\\n' r'\\d' '\\q' """two\nlines"""`)).toEqual(["a'b", 'q"', "Aé" + "A\n", "\\d", "\\q", "two\nlines", "end"]);
    const [bytes] = tokenize("b'\\x00a'");
    expect(bytes).toMatchObject({ kind: "string", bytes: true, value: "\x00a" });
    expect(() => tokenize("'open")).toThrow(/unterminated string literal/);
    expect(() => tokenize("'a\nb'")).toThrow(/unterminated string literal/);
    expect(() => tokenize("'\\xZ1'")).toThrow(/truncated \\x escape/);
    expect(() => tokenize("b'é'")).toThrow(/bytes can only contain ASCII/);
    expect(() => tokenize("'\\N{BULLET}'")).toThrow(PyUnsupportedSyntaxError);
  });
  it("joins lines inside brackets, skips comments and continuations, and rejects stray characters", () => {
    expect(values("[1,\n 2] # note\n")).toEqual(["[", 1n, ",", 2n, "]", "newline", "end"]);
    expect(values("1 + \\\n2")).toEqual([1n, "+", 2n, "end"]);
    expect(values("café ﬁle")).toEqual(["café", "file", "end"]);
    expect(() => tokenize("a $ b")).toThrow(PySyntaxError);
    expect(() => tokenize("(1]")).toThrow(/closing parenthesis '\]' does not match opening parenthesis '\('/);
    expect(() => tokenize("f([1")).toThrow(/'\[' was never closed/);
    expect(() => tokenize("(1")).toThrow(/was never closed/);
    expect(() => tokenize(")")).toThrow(/unmatched/);
  });
});
