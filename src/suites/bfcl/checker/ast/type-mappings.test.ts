// Which Python type each documented type must decode to, per language.
import { describe, expect, it } from "vitest";
import { javaTypes, javascriptTypes, lookupType, pythonTypes, typeTableFor } from "./type-mappings.js";

describe("type tables", () => {
  it("map documented types to Python classes per language", () => {
    expect(lookupType(pythonTypes, "tuple")).toBe("list");
    expect(lookupType(pythonTypes, "any")).toBe("str");
    expect(lookupType(javaTypes, "long")).toBe("int");
    expect(lookupType(javaTypes, "Set")).toBe("set");
    expect(lookupType(javascriptTypes, "Bigint")).toBe("int");
    expect(typeTableFor("java")).toBe(javaTypes);
  });
  it("miss types a language does not have, as BFCL's KeyError does, and never read inherited keys", () => {
    expect(lookupType(pythonTypes, "number")).toBeUndefined();
    expect(lookupType(javaTypes, "string")).toBeUndefined();
    expect(lookupType(pythonTypes, "toString")).toBeUndefined();
  });
});
