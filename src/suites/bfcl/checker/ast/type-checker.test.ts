// BFCL's type_checker on its own: exact types, the variable escape and one nested level.
import { describe, expect, it } from "vitest";
import { possibleAnswerType, typeChecker } from "./type-checker.js";

describe("possibleAnswerType", () => {
  it("is the type of the first candidate that is not the optional marker", () => {
    expect(possibleAnswerType(["", 3n])).toBe("int");
    expect(possibleAnswerType([""])).toBeUndefined();
    expect(possibleAnswerType([[], "x"])).toBe("list");
  });
});

describe("typeChecker", () => {
  it("passes an exact type and marks candidates of another type as a variable", () => {
    expect(typeChecker("p", 3n, [3n], "integer", "int", null)).toMatchObject({ valid: true, isVariable: false });
    expect(typeChecker("p", 3n, ["count"], "integer", "int", null)).toMatchObject({ valid: true, isVariable: true });
    expect(typeChecker("p", "count", ["count"], "integer", "int", null)).toMatchObject({ valid: true, isVariable: true });
  });
  it("explains a wrong type with Python's names", () => {
    const result = typeChecker("p", true, [1n], "integer", "int", null);
    expect(result).toMatchObject({ valid: false, errorType: "type_error:simple" });
    expect(result.errors).toEqual(["Incorrect type for parameter 'p'. Expected type integer, got bool. Parameter value: True."]);
  });
  it("checks list items against each candidate list, one level deep", () => {
    expect(typeChecker("p", [1.5, 2.5], [[1.5, 2.5]], "array", "list", "float").valid).toBe(true);
    const nested = typeChecker("p", [1n, 2.5], [[1.5, 2.5]], "array", "list", "float");
    expect(nested).toMatchObject({ valid: false, errorType: "type_error:nested", isVariable: true });
    expect(nested.errors[0]).toBe("Nested type checking failed for parameter 'p'. Expected outer type array with inner type <class 'float'>. Parameter value: [1, 2.5].");
    // Items may also take the candidate items' type, the variable escape one level down.
    expect(typeChecker("p", [1n], [[1n]], "array", "list", "float").valid).toBe(true);
    expect(typeChecker("p", [[1n]], [[[1n]]], "array", "list", "list").valid).toBe(true);
  });
});
