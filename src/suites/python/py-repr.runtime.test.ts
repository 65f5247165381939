// Python repr/str of the values the APIs return.
import { describe, expect, it } from "vitest";
import { pyRepr, pyStr, pyStrRepr } from "./py-repr.js";
import { PyDict, PySet, PyTuple } from "./py-value.js";

describe("pyRepr", () => {
  it("quotes strings as CPython does", () => {
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr('a"b')).toBe(`'a"b'`);
    expect(pyStrRepr(`both'"`)).toBe(`'both\\'"'`);
    expect(pyStrRepr("tab\tnl\nbell\x07\u200b\u00e9\u{1F600}")).toBe("'tab\\tnl\\nbell\\x07\\u200bé😀'");
  });

  it("prints containers with Python's separators and literals", () => {
    const dict = PyDict.of([
      ["a", [1n, 2.0, null, true]],
      [3n, new PyTuple(["x"])],
    ]);
    expect(pyRepr(dict)).toBe("{'a': [1, 2.0, None, True], 3: ('x',)}");
    expect(pyRepr(new PySet())).toBe("set()");
    expect(pyRepr(PySet.of([67410n]))).toBe("{67410}");
    expect(pyStr("plain")).toBe("plain");
    expect(pyStr(null)).toBe("None");
  });
});
