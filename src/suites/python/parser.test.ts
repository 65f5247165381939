// ast.parse(mode="eval") for calls, literals, operators and the syntax errors Python raises on model output.
import { describe, expect, it } from "vitest";
import { parsePythonExpression } from "./parser.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "./python-ast.js";

describe("parsePythonExpression", () => {
  it("parses calls into positional and keyword arguments, with ** as a null keyword", () => {
    expect(parsePythonExpression("pkg.f(1, *xs, a=2, **kw)")).toEqual({
      type: "Call",
      func: { type: "Attribute", value: { type: "Name", id: "pkg" }, attr: "f" },
      args: [{ type: "Constant", value: 1n }, { type: "Starred", value: { type: "Name", id: "xs" } }],
      keywords: [{ arg: "a", value: { type: "Constant", value: 2n } }, { arg: null, value: { type: "Name", id: "kw" } }],
    });
  });
  it("respects precedence and associativity", () => {
    expect(parsePythonExpression("-2 ** 2")).toMatchObject({ type: "UnaryOp", op: "-", operand: { type: "BinOp", op: "**" } });
    expect(parsePythonExpression("1 - 2 - 3")).toMatchObject({ type: "BinOp", left: { type: "BinOp" }, right: { type: "Constant", value: 3n } });
    expect(parsePythonExpression("not a == b")).toMatchObject({ type: "UnaryOp", op: "not", operand: { type: "Compare", ops: ["=="] } });
    expect(parsePythonExpression("a if b else c")).toMatchObject({ type: "IfExp" });
    expect(parsePythonExpression("a not in b is not c")).toMatchObject({ type: "Compare", ops: ["not in", "is not"] });
  });
  it("builds containers: tuple, empty tuple, parenthesised value, dict, set, empty dict, top-level tuple", () => {
    expect(parsePythonExpression("(1,)")).toMatchObject({ type: "Tuple", elts: [{ value: 1n }] });
    expect(parsePythonExpression("()")).toEqual({ type: "Tuple", elts: [] });
    expect(parsePythonExpression("(1)")).toEqual({ type: "Constant", value: 1n });
    expect(parsePythonExpression("{'a': 1, **b}")).toMatchObject({ type: "Dict", keys: [{ value: "a" }, null] });
    expect(parsePythonExpression("{1, 2}")).toMatchObject({ type: "Set" });
    expect(parsePythonExpression("{}")).toEqual({ type: "Dict", keys: [], values: [] });
    expect(parsePythonExpression("[f()], [g()]")).toMatchObject({ type: "Tuple", elts: [{ type: "List" }, { type: "List" }] });
    expect(parsePythonExpression("'a' 'b'")).toEqual({ type: "Constant", value: "ab" });
    expect(parsePythonExpression("x[1:2, ::3]")).toMatchObject({ type: "Subscript", slice: { type: "Tuple", elts: [{ type: "Slice" }, { type: "Slice" }] } });
  });
  it("lets a keyword repeat (that is a compile error, not a parse error) but not follow-up positionals", () => {
    expect(parsePythonExpression("f(a=1, a=2)")).toMatchObject({ keywords: [{ arg: "a" }, { arg: "a" }] });
    for (const source of ["f(a=1, 2)", "f(**k, 1)", "f(**k, *a)", "f(True=1)", "f(a.b=1)", "f(a=1", "[1 2]", "a b", "lambda", "f(class=1)"]) {
      expect(() => parsePythonExpression(source), source).toThrow(PySyntaxError);
    }
    expect(() => parsePythonExpression("f(a=1, *b)")).not.toThrow();
  });
  it("marks comprehensions and generators as unmodelled", () => {
    for (const source of ["[x for x in y]", "f(x for x in y)", "{k: v for k in d}", "{x for x in y}", "(x for x in y)"]) {
      expect(() => parsePythonExpression(source), source).toThrow(PyUnsupportedSyntaxError);
    }
  });
});
