// Parsing Python call expressions the way eval() would read them.
import { describe, expect, it } from "vitest";
import { parseExpression } from "./call-syntax.js";
import { PyException } from "./exceptions.js";

describe("parseExpression", () => {
  it("reads keyword and positional arguments with Python literals", () => {
    expect(parseExpression("touch('result.txt')")).toEqual({
      kind: "call",
      callee: { kind: "name", id: "touch" },
      args: [{ kind: "constant", value: "result.txt" }],
      keywords: [],
    });
    const call = parseExpression("f(a=1, b=2.0, c=-3, d=[True, None], e={'k': (1,)}, s=\"it's\\n\", t='\\x41\\u00e9')");
    expect(call.kind === "call" && call.keywords.map((keyword) => keyword.value)).toEqual([
      { kind: "constant", value: 1n },
      { kind: "constant", value: 2.0 },
      { kind: "negate", operand: { kind: "constant", value: 3n } },
      { kind: "list", items: [{ kind: "constant", value: true }, { kind: "constant", value: null }] },
      { kind: "dict", entries: [{ key: { kind: "constant", value: "k" }, value: { kind: "tuple", items: [{ kind: "constant", value: 1n }] } }] },
      { kind: "constant", value: "it's\n" },
      { kind: "constant", value: "Aé" },
    ]);
  });

  it("reads attribute calls and adjacent string literals", () => {
    expect(parseExpression("obj.method('a' 'b')")).toEqual({
      kind: "call",
      callee: { kind: "attribute", target: { kind: "name", id: "obj" }, attribute: "method" },
      args: [{ kind: "constant", value: "ab" }],
      keywords: [],
    });
  });

  it("raises SyntaxError as eval reports it", () => {
    expect(() => parseExpression("estimate_distance(from='Rivermist')")).toThrow("invalid syntax (<string>, line 1)");
    expect(() => parseExpression("f(a=1, a=2)")).toThrow("keyword argument repeated: a");
    expect(() => parseExpression("f(a=1, 2)")).toThrow("positional argument follows keyword argument");
    expect(() => parseExpression("f('open")).toThrow(PyException);
  });
});
