// ast.unparse output, checked against CPython 3.11 on the same sources.
import { describe, expect, it } from "vitest";
import { parsePythonExpression } from "./parser.js";
import { unparse } from "./unparse.js";

describe("unparse", () => {
  it("prints what CPython prints", () => {
    const cases: Array<[string, string]> = [
      ["f(a, *b, k=1, **c)", "f(a, *b, k=1, **c)"],
      ["f( 1,2 )", "f(1, 2)"],
      ["a[1:2, ::3]", "a[1:2, ::3]"],
      ["(a + b) * c", "(a + b) * c"],
      ["a ** -b", "a ** (-b)"],
      ["-(a ** b)", "-a ** b"],
      ["not a == b", "not a == b"],
      ["a if b else (c if d else e)", "a if b else c if d else e"],
      ["lambda x, y=1: x + y", "lambda x, y=1: x + y"],
      ["(x := 5)", "(x := 5)"],
      ["{**a, 'b': 1}", "{**a, 'b': 1}"],
      ["{1, 2}", "{1, 2}"],
      ["1 .real", "1 .real"],
      ["a or b or c", "a or b or c"],
      ["(a or b) or c", "(a or b) or c"],
      ["a < b < c", "a < b < c"],
      ["x[(1, 2)]", "x[1, 2]"],
      ["'\\n'", "'\\n'"],
      ["u'x'", "u'x'"],
      ["1e400", "1e309"],
      ["[*a, b]", "[*a, b]"],
      ["f(x)(y)", "f(x)(y)"],
      ["a.b.c(d=[1, {'k': (2,)}])", "a.b.c(d=[1, {'k': (2,)}])"],
      ["~x + +y", "~x + +y"],
      ['g("it\'s")', 'g("it\'s")'],
      ["f(x for x in y)", "f((x for x in y))"],
      ["[x for a, b in y if a if b for c in d]", "[x for a, b in y if a if b for c in d]"],
      ["{k: v for k, v in d.items()}", "{k: v for k, v in d.items()}"],
      ["{x for x in (1,2)}", "{x for x in (1, 2)}"],
      ["[x for x in (a if b else c) if (d if e else f)]", "[x for x in (a if b else c) if (d if e else f)]"],
      ["[(a, b) for (a, b) in c]", "[(a, b) for a, b in c]"],
      ["[x for *a, b in c]", "[x for *a, b in c]"],
      ["[x for x in (lambda: 1)]", "[x for x in (lambda: 1)]"],
    ];
    for (const [source, text] of cases) expect(unparse(parsePythonExpression(source)), source).toBe(text);
  });
  it("parenthesises a tuple printed on its own and keeps an empty one", () => {
    expect(unparse(parsePythonExpression("1, 2"))).toBe("(1, 2)");
    expect(unparse(parsePythonExpression("()"))).toBe("()");
    expect(unparse(parsePythonExpression("(1,)"))).toBe("(1,)");
  });
});
