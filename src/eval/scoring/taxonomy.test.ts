// BFCL checker error types filed under the taxonomy, and parameter names read from BFCL's messages.
import { describe, expect, it } from "vitest";
import { argumentErrorCode, parameterNamed } from "./taxonomy.js";

describe("argumentErrorCode", () => {
  it.each([
    ["simple_function_checker:missing_required", "missing_required"],
    ["simple_function_checker:unexpected_param", "unexpected_param"],
    ["simple_function_checker:missing_optional", "missing_optional"],
    ["simple_function_checker:wrong_func_name", "wrong_function"],
    ["type_error:nested", "type_error"],
    ["type_error:simple", "type_error"],
    ["value_error:string", "value_error"],
    ["value_error:list/tuple", "value_error"],
    ["ast_decoder:decoder_failed", "decode_error"],
    ["parallel_function_checker_no_order:cannot_find_match", "no_match"],
    ["irrelevance_error:decoder_success", "unexpected_call"],
    ["something_new:unheard_of", "other"],
  ])("%s → %s", (errorType, code) => {
    expect(argumentErrorCode(errorType)).toBe(code);
  });

  it("reads a wrong count as missing or extra calls", () => {
    expect(argumentErrorCode("parallel_function_checker_no_order:wrong_count", { expected: 3, actual: 2 })).toBe("missing_call");
    expect(argumentErrorCode("simple_function_checker:wrong_count", { expected: 1, actual: 2 })).toBe("extra_call");
  });
});

describe("parameterNamed", () => {
  it("finds the parameter in BFCL's messages", () => {
    expect(parameterNamed("Invalid value for parameter 'cell_type': 'human cell'. Expected one of ['human'].")).toBe("cell_type");
    expect(parameterNamed("Missing required parameter: 'base'.")).toBe("base");
    expect(parameterNamed("Wrong number of functions.")).toBeUndefined();
  });
});
