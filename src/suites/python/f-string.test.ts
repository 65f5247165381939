// Replacement fields as CPython splits them: f-string expressions (brackets and quotes inside), str.format names, errors.
import { describe, expect, it } from "vitest";
import { fStringParts, replacementFields } from "./f-string.js";
import { parsePythonExpression } from "./parser.js";
import { PySyntaxError } from "./python-ast.js";

const joined = (source: string) => parsePythonExpression(source) as Extract<ReturnType<typeof parsePythonExpression>, { type: "JoinedStr" }>;

describe("replacementFields", () => {
  it("splits text, doubled braces and fields with conversion and spec", () => {
    expect(replacementFields("a {{b}} {x!r:>{w}} {d['}']} {f(a, b)}", "f-string")).toEqual([
      "a {b} ",
      { field: "x", conversion: "r", formatSpec: ">{w}" },
      " ",
      { field: "d['}']" },
      " ",
      { field: "f(a, b)" },
    ]);
    expect(replacementFields("{a != b}", "f-string")).toEqual([{ field: "a != b" }]);
    expect(replacementFields("{0}-{name}-{}", "format")).toEqual([{ field: "0" }, "-", { field: "name" }, "-", { field: "" }]);
  });
  it("raises CPython's errors: SyntaxError in an f-string, ValueError in str.format", () => {
    expect(() => replacementFields("a}b", "f-string")).toThrow(expect.objectContaining({ reason: "f-string: single '}' is not allowed" }) as Error);
    expect(() => replacementFields("{x", "f-string")).toThrow(expect.objectContaining({ reason: "f-string: expecting '}'" }) as Error);
    expect(() => replacementFields("{ }", "f-string")).toThrow(PySyntaxError);
    expect(() => replacementFields("a}b", "format")).toThrow("Single '}' encountered in format string");
    expect(() => replacementFields("a{b", "format")).toThrow("expected '}' before end of string");
  });
});

describe("fStringParts", () => {
  it("decodes escapes in the literal text, parses each field and keeps adjacent plain literals", () => {
    const parts = fStringParts(joined(`f'id={ids[0]}\\t{", ".join(xs)}' 'tail\\n' rf'\\d{y}'`));
    expect(parts).toMatchObject([
      "id=",
      { source: "ids[0]", expression: { type: "Subscript" } },
      "\t",
      { source: '", ".join(xs)', expression: { type: "Call" } },
      "tail\n",
      "\\d",
      { source: "y", expression: { type: "Name", id: "y" } },
    ]);
  });
});
