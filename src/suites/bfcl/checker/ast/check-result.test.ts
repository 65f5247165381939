// A verdict is valid, or BFCL's error type with its messages.
import { describe, expect, it } from "vitest";
import { invalid, valid } from "./check-result.js";

describe("check results", () => {
  it("carry the error type and every message", () => {
    expect(valid).toEqual({ valid: true });
    expect(invalid("value_error:string", "one", "two")).toEqual({ valid: false, errorType: "value_error:string", errors: ["one", "two"] });
  });
});
