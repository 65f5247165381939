// json.loads and json.dumps with Python's semantics.
import { describe, expect, it } from "vitest";
import { copyConstantList, dumpsPyJson, parsePyJson, PyJsonError } from "./py-json.js";
import { PyDict, PyTuple } from "./py-value.js";

describe("parsePyJson", () => {
  it("keeps ints (bigint) apart from floats (number)", () => {
    const value = parsePyJson('{"i": 3, "f": 3.0, "e": 1E2, "z": -0, "big": 123456789012345678901234567890}') as PyDict;
    expect(value.get("i")).toBe(3n);
    expect(value.get("f")).toBe(3);
    expect(typeof value.get("f")).toBe("number");
    expect(value.get("e")).toBe(100);
    expect(value.get("z")).toBe(0n);
    expect(value.get("big")).toBe(123456789012345678901234567890n);
  });
  it("accepts what json.loads accepts: the last duplicate key wins in the first key's place, NaN and Infinity", () => {
    const value = parsePyJson(' {"a": 1, "b": NaN, "a": 2, "c": -Infinity} ') as PyDict;
    expect(value.keys()).toEqual(["a", "b", "c"]);
    expect(value.get("a")).toBe(2n);
    expect(value.get("b")).toBeNaN();
    expect(value.get("c")).toBe(Number.NEGATIVE_INFINITY);
    expect(parsePyJson('"\\ud83d\\ude00 \\u00e9"')).toBe("\u{1F600} é");
  });
  it("rejects what json.loads rejects", () => {
    for (const text of ['{"a": 1', "[1,]", '{"a": "x\ny"}', "01", '"\\x"', "", "{'a': 1}", "True"]) {
      expect(() => parsePyJson(text), text).toThrow(PyJsonError);
    }
  });
});

describe("dumpsPyJson", () => {
  it("writes floats so they read back as floats, tuples as lists", () => {
    const text = dumpsPyJson(PyDict.of([["f", 1], ["i", 1n], ["t", new PyTuple([0.5, "x"])], ["e", 1e-7], ["n", null]]));
    expect(text).toBe('{"f": 1.0, "i": 1, "t": [0.5, "x"], "e": 1e-07, "n": null}');
    expect(parsePyJson(text)).toEqual(parsePyJson('{"f": 1.0, "i": 1, "t": [0.5, "x"], "e": 1e-07, "n": null}'));
  });
});

describe("parsePyJson's JSON.parse fast path", () => {
  it("decodes exactly what the strict parser decodes where JS would differ", () => {
    // Array-index keys keep their place (JS objects would move them first).
    expect((parsePyJson('{"b": 1, "2": 2.0, "a": [1, 1.5, -0.0]}') as PyDict).keys()).toEqual(["b", "2", "a"]);
    // A dropped duplicate holding numbers must not shift which literal is an int.
    const duplicate = parsePyJson('{"a": [1.0, 2], "b": 3, "a": 4.0}') as PyDict;
    expect([duplicate.get("a"), duplicate.get("b")]).toEqual([4, 3n]);
    expect(Object.is(parsePyJson("-0.0"), -0)).toBe(true);
    expect(parsePyJson("[12345678901234567890, 1e400]")).toEqual([12345678901234567890n, Number.POSITIVE_INFINITY]);
  });
  it("keeps index keys in place at any depth, and only renames keys, never values or text inside strings", () => {
    const text = '{"z": {"10": 1, "a\\"2": 2, "1" : [3.0]}, "0": "\\"5\\": x", "s": ["7"], "3": {"2": "x", "1": 2, "2": "y"}}';
    const fast = parsePyJson(text) as PyDict;
    expect(fast.keys()).toEqual(["z", "0", "s", "3"]);
    expect((fast.get("z") as PyDict).keys()).toEqual(["10", 'a"2', "1"]);
    expect((fast.get("z") as PyDict).get("1")).toEqual([3]);
    expect(fast.get("0")).toBe('"5": x');
    expect(fast.get("s")).toEqual(["7"]);
    expect((fast.get("3") as PyDict).entries()).toEqual([["2", "y"], ["1", 2n]]);
    // A text with a \u0000 escape is left to the strict parser, which decodes the same way.
    expect((parsePyJson('{"2": 1, "\\u0000#1": 2}') as PyDict).keys()).toEqual(["2", "\u0000#1"]);
  });
});

describe("dumpsPyJson's strings and keys", () => {
  it("escapes as json.dumps does by default (ensure_ascii), and writes keys as Python converts them", () => {
    expect(dumpsPyJson(PyDict.of([["é", "ü☃𝄞"], ["a", "\x7f\n\u0001"]]))).toBe('{"\\u00e9": "\\u00fc\\u2603\\ud834\\udd1e", "a": "\\u007f\\n\\u0001"}');
    expect(dumpsPyJson(PyDict.of([[2n, 1], [true, null], [null, 2.5], [0.5, false]]))).toBe('{"2": 1.0, "true": null, "null": 2.5, "0.5": false}');
  });
});

describe("copyConstantList", () => {
  const table = [1.5, 2, 3n, "x", null, true];

  it("dumps a copy as its table, from the table's remembered text, each time", () => {
    const first = copyConstantList(table);
    expect(first).toEqual(table);
    expect(first).not.toBe(table);
    expect(dumpsPyJson(PyDict.fromRecord({ list: first }))).toBe('{"list": [1.5, 2.0, 3, "x", null, true]}');
    expect(dumpsPyJson(copyConstantList(table))).toBe('[1.5, 2.0, 3, "x", null, true]');
  });

  it("dumps a copy changed after it was made as it now is", () => {
    const changed = copyConstantList(table);
    dumpsPyJson(changed);
    changed[0] = -0;
    changed.push("y");
    expect(dumpsPyJson(changed)).toBe('[-0.0, 2.0, 3, "x", null, true, "y"]');
    const replaced = copyConstantList(table);
    replaced[1] = -0;
    expect(dumpsPyJson(replaced)).toBe('[1.5, -0.0, 3, "x", null, true]');
  });

  it("does not remember a table holding containers (their contents can change)", () => {
    const inner = [1n];
    const copy = copyConstantList([inner]);
    expect(dumpsPyJson(copy)).toBe("[[1]]");
    inner.push(2n);
    expect(dumpsPyJson(copy)).toBe("[[1, 2]]");
  });
});
