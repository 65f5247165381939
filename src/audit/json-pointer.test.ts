// JSON pointers parse and resolve as RFC 6901 says, including escapes, array indexes and missing members.
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../record/index.js";
import { AuditInputError } from "./errors.js";
import { formatJsonPointer, parseJsonPointer, replaceAtPointer } from "./json-pointer.js";

describe("parseJsonPointer", () => {
  it("unescapes ~1 and ~0 in that order", () => {
    expect(parseJsonPointer("/a~1b/m~0n/~01")).toEqual(["a/b", "m~n", "~1"]);
    expect(parseJsonPointer("")).toEqual([]);
    expect(parseJsonPointer("/")).toEqual([""]);
  });

  it("rejects a pointer without a leading slash or with a bad escape, naming the fix", () => {
    expect(() => parseJsonPointer("arguments/ssn")).toThrow(AuditInputError);
    expect(() => parseJsonPointer("arguments/ssn")).toThrow(/start it with "\/"/);
    expect(() => parseJsonPointer("/a~2")).toThrow(/~0/);
    expect(() => parseJsonPointer("/a~")).toThrow(/bad escape/);
  });

  it("round-trips through formatJsonPointer", () => {
    for (const pointer of ["/a~1b/m~0n", "/x/0/y", "/"]) expect(formatJsonPointer(parseJsonPointer(pointer))).toBe(pointer);
  });
});

describe("replaceAtPointer", () => {
  const sample = (): JsonValue => ({ user: { ssn: "123", tags: ["a", "b"] }, "a/b": 1, list: [{ secret: 1 }] });

  it("replaces object members and array items in place", () => {
    const document = sample();
    expect(replaceAtPointer(document, ["user", "ssn"], () => "x")).toBe(true);
    expect(replaceAtPointer(document, ["user", "tags", "1"], (value) => `${String(value)}!`)).toBe(true);
    expect(replaceAtPointer(document, ["a/b"], () => 2)).toBe(true);
    expect(replaceAtPointer(document, ["list", "0", "secret"], () => null)).toBe(true);
    expect(document).toEqual({ user: { ssn: "x", tags: ["a", "b!"] }, "a/b": 2, list: [{ secret: null }] });
  });

  it("reports a pointer that does not resolve and changes nothing", () => {
    const document = sample();
    expect(replaceAtPointer(document, ["user", "missing"], () => 0)).toBe(false);
    expect(replaceAtPointer(document, ["user", "tags", "2"], () => 0)).toBe(false);
    expect(replaceAtPointer(document, ["user", "tags", "01"], () => 0)).toBe(false);
    expect(replaceAtPointer(document, ["user", "ssn", "deeper"], () => 0)).toBe(false);
    expect(replaceAtPointer(document, ["toString"], () => 0)).toBe(false);
    expect(document).toEqual(sample());
  });

  it("keeps a __proto__ key as data", () => {
    const document = JSON.parse('{"__proto__":{"x":1}}') as JsonValue;
    expect(replaceAtPointer(document, ["__proto__"], () => "gone")).toBe(true);
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect((document as Record<string, unknown>)["__proto__"]).toBe("gone");
  });
});
