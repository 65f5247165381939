// Parsing Python call expressions the way eval() would read them, with eval()'s SyntaxError wording.
import { describe, expect, it } from "vitest";
import { parseExpression } from "./call-syntax.js";
import { PyException } from "./exceptions.js";

function syntaxErrorOf(source: string): string {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof PyException) return `${error.pyType}: ${error.pyMessage}`;
    throw error;
  }
  return "parsed";
}

describe("parseExpression", () => {
  it("reads keyword and positional arguments with Python literals", () => {
    expect(parseExpression("touch('result.txt')")).toEqual({
      type: "Call",
      func: { type: "Name", id: "touch" },
      args: [{ type: "Constant", value: "result.txt" }],
      keywords: [],
    });
    const call = parseExpression("f(a=1, b=2.0, c=-3, d=[True, None], e={'k': (1,)}, s=\"it's\\n\", t='\\x41\\u00e9')");
    expect(call.type === "Call" && call.keywords.map((keyword) => keyword.value)).toEqual([
      { type: "Constant", value: 1n },
      { type: "Constant", value: 2.0 },
      { type: "UnaryOp", op: "-", operand: { type: "Constant", value: 3n } },
      { type: "List", elts: [{ type: "Constant", value: true }, { type: "Constant", value: null }] },
      { type: "Dict", keys: [{ type: "Constant", value: "k" }], values: [{ type: "Tuple", elts: [{ type: "Constant", value: 1n }] }] },
      { type: "Constant", value: "it's\n" },
      { type: "Constant", value: "Aé" },
    ]);
  });

  it("reads attribute calls and adjacent string literals", () => {
    expect(parseExpression("obj.method('a' 'b')")).toEqual({
      type: "Call",
      func: { type: "Attribute", value: { type: "Name", id: "obj" }, attr: "method" },
      args: [{ type: "Constant", value: "ab" }],
      keywords: [],
    });
  });

  // The expected texts are CPython 3.11's: compile(source, "<string>", "eval") on each source.
  it.each([
    ["estimate_distance(from='Rivermist')", "invalid syntax"],
    ["f(True=1)", "cannot assign to True"],
    ["f(a=1, a=2)", "keyword argument repeated: a"],
    ["f(a=1, 2)", "positional argument follows keyword argument"],
    ["f(a=1 b=2)", "invalid syntax. Perhaps you forgot a comma?"],
    ["[1 2]", "invalid syntax. Perhaps you forgot a comma?"],
    ["(1 2)", "invalid syntax. Perhaps you forgot a comma?"],
    ["{1: 2 3: 4}", "invalid syntax. Perhaps you forgot a comma?"],
    ["f(a;b)", "invalid syntax"],
    ["f($)", "invalid syntax"],
    ["f(a.class)", "invalid syntax"],
    ["f(a=)", "invalid syntax"],
    ["f('open", "unterminated string literal (detected at line 1)"],
    ["f(01)", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"],
    ["f(1abc)", "invalid decimal literal"],
    ["f(a=1", "'(' was never closed"],
    ["[1, 2", "'[' was never closed"],
    ["f(a=1))", "unmatched ')'"],
    ["f(a=1]", "closing parenthesis ']' does not match opening parenthesis '('"],
    ["f(1 if 2)", "expected 'else' after 'if' expression"],
    ["f()\ng()", "invalid syntax"],
  ])("refuses %j with eval's SyntaxError", (source, message) => {
    expect(syntaxErrorOf(source)).toBe(`SyntaxError: ${message} (<string>, line 1)`);
  });

  it("accepts what eval accepts around the call: comments, line continuations, a bare tuple", () => {
    expect(parseExpression("f(1) # note").type).toBe("Call");
    expect(parseExpression("f(\\\n1)").type).toBe("Call");
    expect(parseExpression("f(), g()").type).toBe("Tuple");
  });

  it("refuses valid Python the runtime does not evaluate, saying so rather than calling it invalid", () => {
    expect(syntaxErrorOf("f(a=1+2)")).toBe("SyntaxError: BinOp expressions are not supported (<string>, line 1)");
    expect(syntaxErrorOf("f(a[0])")).toBe("SyntaxError: Subscript expressions are not supported (<string>, line 1)");
    expect(syntaxErrorOf("f(not a)")).toBe("SyntaxError: unary 'not' is not supported (<string>, line 1)");
    expect(syntaxErrorOf("f(*a)")).toBe("SyntaxError: argument unpacking is not supported (<string>, line 1)");
    expect(syntaxErrorOf("f(b'x')")).toBe("SyntaxError: unsupported string prefix (<string>, line 1)");
    expect(syntaxErrorOf("f(1j)")).toBe("SyntaxError: complex literals are not supported (<string>, line 1)");
    expect(syntaxErrorOf("f('\\x4')")).toBe("SyntaxError: (unicode error) truncated escape (<string>, line 1)");
  });
});
