// Python exceptions carry the class name and str(e) separately.
import { describe, expect, it } from "vitest";
import { PyException, attributeError, typeError, valueError } from "./exceptions.js";

describe("PyException", () => {
  it("keeps str(e) apart from the class name", () => {
    const error = attributeError("list", "add");
    expect(error).toBeInstanceOf(PyException);
    expect(error.pyType).toBe("AttributeError");
    expect(error.pyMessage).toBe("'list' object has no attribute 'add'");
    expect(typeError("x").pyType).toBe("TypeError");
    expect(valueError("y").message).toBe("ValueError: y");
  });
});
