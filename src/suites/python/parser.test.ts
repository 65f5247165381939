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
  it("parses comprehensions and generator expressions, with CPython's errors for misplaced ones", () => {
    expect(parsePythonExpression("[h.name for h in hs if h.ok if h.n < 3 for c in h.cs]")).toMatchObject({
      type: "ListComp",
      elt: { type: "Attribute", attr: "name" },
      generators: [
        { target: { type: "Name", id: "h" }, iter: { type: "Name", id: "hs" }, ifs: [{ type: "Attribute" }, { type: "Compare" }] },
        { target: { type: "Name", id: "c" }, ifs: [] },
      ],
    });
    expect(parsePythonExpression("{k: v for k, v in d.items()}")).toMatchObject({ type: "DictComp", generators: [{ target: { type: "Tuple" } }] });
    expect(parsePythonExpression("{x for x in y}")).toMatchObject({ type: "SetComp" });
    expect(parsePythonExpression("(x for x in y)")).toMatchObject({ type: "GeneratorExp" });
    expect(parsePythonExpression("f(x for x in y)")).toMatchObject({ type: "Call", args: [{ type: "GeneratorExp" }] });
    const reasons: Record<string, string> = {
      "f(x for x in y, 1)": "Generator expression must be parenthesized",
      "f(1, x for x in y)": "Generator expression must be parenthesized",
      "[x for 1 in y]": "cannot assign to literal",
      "[x for f() in y]": "cannot assign to function call",
      "[x for True in y]": "cannot assign to True",
      "[*x for x in y]": "iterable unpacking cannot be used in comprehension",
      "{**d for x in y}": "dict unpacking cannot be used in dict comprehension",
      "[x for x in y z]": "invalid syntax",
      "[x for x y]": "invalid syntax. Perhaps you forgot a comma?",
      "[x for x in]": "invalid syntax",
    };
    for (const [source, reason] of Object.entries(reasons)) {
      expect(() => parsePythonExpression(source), source).toThrow(expect.objectContaining({ reason }) as Error);
    }
    expect(() => parsePythonExpression("[x async for x in y]")).toThrow(PyUnsupportedSyntaxError);
  });
});
