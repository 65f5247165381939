// Evaluating calls: names resolve to objects, attributes to bound methods, errors as Python raises them.
import { describe, expect, it } from "vitest";
import { parseExpression } from "./call-syntax.js";
import { BoundMethod, ScriptObject, evaluate } from "./evaluate.js";
import type { PyValue } from "../py-value.js";

class Greeter extends ScriptObject {
  readonly pyTypeName = "Greeter";
  attribute(name: string): PyValue | undefined {
    if (name === "greet") return new BoundMethod("Greeter.greet", (positional, keywords) => `hello ${String(positional[0] ?? keywords[0]?.[1])}`);
    return undefined;
  }
}

describe("evaluate", () => {
  const resolve = (name: string) => (name === "g" ? new Greeter() : undefined);

  it("calls bound methods with evaluated arguments", () => {
    expect(evaluate(parseExpression("g.greet('bob')"), resolve)).toBe("hello bob");
    expect(evaluate(parseExpression("g.greet(name='ann')"), resolve)).toBe("hello ann");
    expect(evaluate(parseExpression("[-1, +2.5]"), resolve)).toEqual([-1n, 2.5]);
  });

  it("raises NameError, AttributeError and TypeError like Python", () => {
    expect(() => evaluate(parseExpression("cancel_flight(booking_id='1')"), resolve)).toThrow("name 'cancel_flight' is not defined");
    expect(() => evaluate(parseExpression("g.wave()"), resolve)).toThrow("'Greeter' object has no attribute 'wave'");
    expect(() => evaluate(parseExpression("'text'()"), resolve)).toThrow("'str' object is not callable");
  });
});
