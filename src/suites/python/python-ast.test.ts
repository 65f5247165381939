// The two ways an expression can fail to parse: Python would reject it, or it is valid Python this decoder does not model.
import { describe, expect, it } from "vitest";
import { parsePythonExpression } from "./parser.js";
import { PySyntaxError, PyUnsupportedSyntaxError } from "./python-ast.js";

describe("parse errors", () => {
  it("say where Python's SyntaxError would point", () => {
    expect(() => parsePythonExpression("f(a=1, 2)")).toThrow(PySyntaxError);
    expect(() => parsePythonExpression("f(a=1, 2)")).toThrow(/positional argument follows keyword argument \(at 7\)/);
  });
  it("keep valid but unmodelled Python apart from invalid Python", () => {
    expect(() => parsePythonExpression("[x async for x in y]")).toThrow(PyUnsupportedSyntaxError);
    expect(() => parsePythonExpression("[x async for x in y]")).not.toThrow(PySyntaxError);
  });
});
