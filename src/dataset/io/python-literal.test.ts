// Python literal parsing: the repr forms real datasets contain (Hermes calls, API-Bank tool results).
import { describe, expect, it } from "vitest";
import { parseJsonOrPython, parsePythonLiteral, PythonLiteralError } from "./python-literal.js";

describe("parsePythonLiteral", () => {
  it("reads a Hermes-style call dict whose arguments are a JSON string", () => {
    expect(parsePythonLiteral(`{'arguments': '{"contract_id": "12345"}', 'name': 'get_contract'}`)).toEqual({ arguments: '{"contract_id": "12345"}', name: "get_contract" });
  });
  it("reads True/False/None, tuples, nested lists, escapes and negative floats", () => {
    expect(parsePythonLiteral(`{'a': (1, -2.5e1), 'b': [True, False, None], 'c': 'it\\'s\\n'}`)).toEqual({ a: [1, -25], b: [true, false, null], c: "it's\n" });
  });
  it("rejects trailing text with its offset", () => {
    expect(() => parsePythonLiteral("{'a': 1} x")).toThrow(PythonLiteralError);
    expect(() => parsePythonLiteral("{'a': 1} x")).toThrow(/offset 9/);
  });
  it("stays lenient where datasets are: JSON words, triple quotes, u/r prefixes, sets, non-string keys, \\x escapes", () => {
    expect(parsePythonLiteral(`{"a": true, 'b': null, 'c': {1, 2}, 2: u'x', 'd': r'\\d', 'e': '''two\nlines''', 'f': '\\x41\\u00e9'}`)).toEqual({
      a: true,
      b: null,
      c: [1, 2],
      "2": "x",
      d: "\\d",
      e: "two\nlines",
      f: "Aé",
    });
    expect(parsePythonLiteral("{'__proto__': 1}")).toHaveProperty("__proto__", 1);
  });
  it("names what is not a literal, with the offset of the token", () => {
    expect(() => parsePythonLiteral("{'a': f'{x}'}")).toThrow(/f-string is not a literal at offset 6/);
    expect(() => parsePythonLiteral("[1, 2 + 3]")).toThrow(/arithmetic, not a literal at offset 6/);
    expect(() => parsePythonLiteral("{'a': len([1])}")).toThrow(/unexpected name 'len' at offset 6/);
    expect(() => parsePythonLiteral("{'a': b'x'}")).toThrow(/bytes have no JSON form at offset 6/);
    expect(() => parsePythonLiteral("{'a': [1, 2}")).toThrow(/closing parenthesis '}' does not match opening parenthesis '\[' at offset 11/);
    expect(() => parsePythonLiteral("{'a': 'open")).toThrow(/unterminated string literal at offset 6/);
    expect(() => parsePythonLiteral("{'a' 1}")).toThrow("invalid syntax. Perhaps you forgot a comma? at offset 5");
  });
  it("prefers JSON and says when Python syntax was needed", () => {
    expect(parseJsonOrPython('{"a": 1}')).toEqual({ value: { a: 1 }, python: false });
    expect(parseJsonOrPython("{'a': 1}")).toEqual({ value: { a: 1 }, python: true });
    expect(parseJsonOrPython("{'a': ")).toBeUndefined();
  });
});
