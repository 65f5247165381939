// Java values from the model's strings, as BFCL's java_type_converter reads them.
import { describe, expect, it } from "vitest";
import { BfclCheckerCrash } from "../errors.js";
import { PyDict } from "../../../python/py-value.js";
import { javaTypeConverter, parseJavaValue } from "./java-type-converter.js";

describe("javaTypeConverter", () => {
  it("converts scalars only when the text fits the type's pattern", () => {
    expect(javaTypeConverter("-123", "integer")).toBe(-123n);
    expect(javaTypeConverter("12a", "integer")).toBe("12a");
    expect(javaTypeConverter("3.14f", "float")).toBe(3.14);
    expect(javaTypeConverter("3e3F", "float")).toBe(3000);
    expect(javaTypeConverter("3.14", "float")).toBe("3.14");
    expect(javaTypeConverter("3.14e-2", "double")).toBe(0.0314);
    expect(javaTypeConverter("3.14f", "double")).toBe("3.14f");
    expect(javaTypeConverter("9223372036854775807L", "long")).toBe(9223372036854775807n);
    expect(javaTypeConverter("123", "long")).toBe("123");
    expect(javaTypeConverter("true", "boolean")).toBe(true);
    expect(javaTypeConverter("TRUE", "boolean")).toBe("TRUE");
    expect(javaTypeConverter("'a'", "char")).toBe("'a'");
    expect(javaTypeConverter('"quoted"', "String")).toBe('"quoted"');
    expect(javaTypeConverter("12\n", "integer")).toBe(12n);
  });
  it("parses Array, ArrayList and HashMap literals, element by element", () => {
    expect(javaTypeConverter("new int[] { 1, 2, 3 }", "Array", "integer")).toEqual([1n, 2n, 3n]);
    expect(javaTypeConverter("new int[]{}", "Array", "integer")).toEqual([]);
    expect(javaTypeConverter("new long[]{1L, 2, 3L}", "Array", "long")).toEqual([1n, "2", 3n]);
    expect(javaTypeConverter('new ArrayList<>(Arrays.asList("a", "b"))', "ArrayList", "String")).toEqual(["a", "b"]);
    expect(javaTypeConverter("new ArrayList<Float>() {{ add(1.0f); add(2.0f); }}", "ArrayList", "float")).toEqual([1, 2]);
    expect(javaTypeConverter("new ArrayList<>()", "ArrayList", "integer")).toEqual([]);
    expect(javaTypeConverter("[1, 2]", "ArrayList", "integer")).toBe("[1, 2]");
    expect(javaTypeConverter('new HashMap<String, Object>() {{ put("k1", 1); put("k2", "v"); put("k3", true); }}', "HashMap")).toEqual(
      PyDict.of([["k1", 1n], ["k2", "v"], ["k3", true]]),
    );
    expect(javaTypeConverter("new HashMap<>() {{ }}", "HashMap")).toEqual(new PyDict());
    expect(javaTypeConverter("new HashMap<>()", "HashMap")).toEqual(new PyDict());
    expect(javaTypeConverter("myMap", "HashMap")).toBe("myMap");
  });
  it("crashes on the types BFCL never converts", () => {
    expect(() => javaTypeConverter("x", "Set")).toThrow(BfclCheckerCrash);
    expect(() => javaTypeConverter("x", "string")).toThrow(/Unsupported type: string/);
  });
});

describe("parseJavaValue", () => {
  it("reads a literal without a declared type", () => {
    expect(["true", '"x"', "5L", "1.5f", "7", "2.5", "abc"].map(parseJavaValue)).toEqual([true, "x", 5n, 1.5, 7n, 2.5, "abc"]);
  });
});
