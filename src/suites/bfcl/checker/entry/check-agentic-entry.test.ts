// Web-search and memory entries: which step is the answer, and how it is matched.
import { describe, expect, it } from "vitest";
import { BfclCheckerCrash } from "../errors.js";
import { parsePyJson } from "../../../python/py-json.js";
import { agenticChecker, checkAgenticEntry } from "./check-agentic-entry.js";

describe("checkAgenticEntry", () => {
  it("takes the last step that is not a call, an empty call list included", () => {
    const result = parsePyJson('[["Paris", [{"search": "{\\"q\\": 1}"}], []]]');
    // The last non-call step is `[]`, which is falsy: BFCL then finds no message at all.
    expect(checkAgenticEntry(result, parsePyJson('["Paris"]'), "auto")).toMatchObject({ errorType: "agentic:no_last_message" });
    expect(checkAgenticEntry(parsePyJson('[["Paris", [{"search": "{}"}]]]'), parsePyJson('["Paris"]'), "auto").valid).toBe(true);
  });
  it("reads a list-of-strings answer by its first string, and prompt-mode text steps too", () => {
    expect(checkAgenticEntry(parsePyJson('[[["It is Paris.", "ignored"]]]'), parsePyJson('["paris"]'), "auto").valid).toBe(true);
    expect(checkAgenticEntry(parsePyJson('[["[search(q=1)]", "It is Paris."]]'), parsePyJson('["paris"]'), "prompting").valid).toBe(true);
    expect(checkAgenticEntry(parsePyJson('"Paris"'), parsePyJson('["Paris"]'), "auto")).toMatchObject({ errorType: "agentic:inference_error" });
  });
});

describe("agenticChecker", () => {
  it("matches any standardised answer on word boundaries, with BFCL's error type otherwise", () => {
    expect(agenticChecker("Answer: thirty-five", parsePyJson('["35", "thirty five"]')).valid).toBe(false);
    expect(agenticChecker("Answer: thirty five", parsePyJson('["35", "thirty five"]')).valid).toBe(true);
    expect(agenticChecker("It's 35.", parsePyJson('["35"]')).valid).toBe(true);
    expect(agenticChecker("No idea", parsePyJson('["35"]'))).toEqual({
      valid: false,
      errorType: "agentic:answer_not_found",
      errors: ["None of the expected answers were found in the model response."],
    });
    expect(() => agenticChecker("x", parsePyJson("[1]"))).toThrow(BfclCheckerCrash);
  });
});
