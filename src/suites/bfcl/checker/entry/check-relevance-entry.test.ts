// Relevance and irrelevance entries judged only by whether a call decodes.
import { describe, expect, it } from "vitest";
import { parsePyJson } from "../../../python/py-json.js";
import { checkRelevanceEntry, containsFunctionCall } from "./check-relevance-entry.js";

describe("containsFunctionCall", () => {
  it("is true only for a decodable, non-empty call list", () => {
    expect(containsFunctionCall(parsePyJson('[{"f": "{}"}]'), "auto")).toBe(true);
    expect(containsFunctionCall("[f()]", "auto")).toBe(true);
    expect(containsFunctionCall(parsePyJson("[]"), "auto")).toBe(false);
    expect(containsFunctionCall("no call here", "auto")).toBe(false);
    expect(containsFunctionCall(parsePyJson('[{"f": "[]"}]'), "auto")).toBe(false);
  });
});

describe("checkRelevanceEntry", () => {
  it("passes irrelevance without a call and live_relevance with one, with BFCL's error types otherwise", () => {
    expect(checkRelevanceEntry("[f()]", "live_irrelevance", "auto")).toEqual({
      valid: false,
      errorType: "irrelevance_error:decoder_success",
      errors: ["Valid syntax. Successfully decode AST when it should not."],
    });
    expect(checkRelevanceEntry("text", "irrelevance", "auto").valid).toBe(true);
    expect(checkRelevanceEntry("text", "live_relevance", "auto")).toMatchObject({ errorType: "relevance_error:decoder_failed" });
    expect(checkRelevanceEntry("[g(x=1)]", "live_relevance", "auto").valid).toBe(true);
  });
});
