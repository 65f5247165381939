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
  it("prefers JSON and says when Python syntax was needed", () => {
    expect(parseJsonOrPython('{"a": 1}')).toEqual({ value: { a: 1 }, python: false });
    expect(parseJsonOrPython("{'a': 1}")).toEqual({ value: { a: 1 }, python: true });
    expect(parseJsonOrPython("{'a': ")).toBeUndefined();
  });
});
