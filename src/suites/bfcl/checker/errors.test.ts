// The two error kinds of BFCL scoring are distinguishable and carry their message.
import { describe, expect, it } from "vitest";
import { BfclCheckerCrash, BfclDataError, checkerCrashErrorType } from "./errors.js";

describe("errors", () => {
  it("tell bad input apart from an entry BFCL's checker would crash on", () => {
    const data = new BfclDataError("x is missing");
    expect(data).toBeInstanceOf(Error);
    expect(data.name).toBe("BfclDataError");
    expect(new BfclCheckerCrash("KeyError")).not.toBeInstanceOf(BfclDataError);
    expect(checkerCrashErrorType).toBe("bfcl_checker:exception");
  });
});
