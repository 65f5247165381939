// The entry checker's rules on small hand-made entries: each verdict the reference can reach.
import { describe, expect, it } from "vitest";
import { MultiTurnInputError, checkMultiTurnEntry } from "./check-entry.js";

const question = JSON.stringify({
  id: "multi_turn_miss_param_7",
  initial_config: { GorillaFileSystem: { root: { home: { type: "directory", contents: { "a.txt": { type: "file", content: "hello" } } } } } },
  involved_classes: ["GorillaFileSystem"],
});
const groundTruth = [["cat(file_name='a.txt')"], [], ["touch(file_name='b.txt')"]];
const step = (name: string, args: Record<string, unknown>) => [{ [name]: JSON.stringify(args) }];
const check = (modelResult: unknown) => checkMultiTurnEntry({ id: "multi_turn_miss_param_7", category: "multi_turn_miss_param", question, possibleAnswer: { ground_truth: groundTruth }, modelResult });

describe("checkMultiTurnEntry", () => {
  it("passes when states match and the ground truth's results appear, ignoring turns with no ground truth", () => {
    const verdict = check([[step("cat", { file_name: "a.txt" })], [step("ls", {})], [step("touch", { file_name: "b.txt" })]]);
    expect(verdict).toMatchObject({ valid: true });
    expect(verdict.details?.executionResults?.[0]).toEqual({ model: [['{"file_content": "hello"}']], groundTruth: ['{"file_content": "hello"}'] });
  });

  it("accepts a result needed now that an earlier turn already produced", () => {
    expect(check([[step("cat", { file_name: "a.txt" })], [], [step("touch", { file_name: "b.txt" })]]).valid).toBe(true);
  });

  it("fails an empty turn, a wrong state and a missing result with the reference's types and messages", () => {
    expect(check([[], [], []])).toMatchObject({ valid: false, errorType: "multi_turn:empty_turn_model_response", message: "Model response list is empty for turn 0" });
    expect(check([[step("cat", { file_name: "a.txt" })], [], [step("touch", { file_name: "c.txt" })]])).toMatchObject({
      valid: false,
      errorType: "multi_turn:instance_state_mismatch",
      message: "Model instance for GorillaFileSystem does not match the state with ground truth instance.",
    });
    expect(check([[step("ls", {})], [], [step("touch", { file_name: "b.txt" })]])).toMatchObject({
      valid: false,
      errorType: "multi_turn:execution_response_mismatch",
      message: "Model response execution results so far does not contain all the ground truth response execution results for turn 0.",
      details: { missingResults: ['{"file_content": "hello"}'] },
    });
  });

  it("leaves a state mismatch's details out when asked (scoring), with the same error type and message", () => {
    const wrongState = [[step("cat", { file_name: "a.txt" })], [], [step("touch", { file_name: "c.txt" })]];
    const full = check(wrongState);
    const lean = checkMultiTurnEntry(
      { id: "multi_turn_miss_param_7", category: "multi_turn_miss_param", question, possibleAnswer: { ground_truth: groundTruth }, modelResult: wrongState },
      { details: false },
    );
    expect(full.details?.differences).toBeDefined();
    expect(lean).toEqual({ valid: false, errorType: full.errorType, message: full.message });
  });

  it("skips steps that do not decode; a turn with only such steps is empty", () => {
    expect(check([[[{ cat: "{bad json" }]], [], [step("touch", { file_name: "b.txt" })]])).toMatchObject({ errorType: "multi_turn:empty_turn_model_response" });
  });

  it("reports turn-count mismatches and non-list results as the runner does", () => {
    expect(check([[step("cat", { file_name: "a.txt" })]])).toMatchObject({
      valid: false,
      errorType: "multi_turn:force_terminated",
      message: "Model was force-terminated during inference phase. The length of the model result turns (1) does not match the length of the ground truth turns (3).",
    });
    expect(check("oops")).toMatchObject({ valid: false, errorType: "multi_turn:inference_error" });
  });

  it("refuses a JSON.parse'd question, whose integral numbers may have been floats, and names the fix", () => {
    const parsed = JSON.parse('{"id": "multi_turn_base_1", "initial_config": {"VehicleControlAPI": {"fuelLevel": 10.0}}, "involved_classes": ["VehicleControlAPI"]}') as unknown;
    const attempt = () => checkMultiTurnEntry({ id: "multi_turn_base_1", category: "multi_turn_base", question: parsed, possibleAnswer: [["displayCarStatus(option='fuel')"]], modelResult: [[]] });
    expect(attempt).toThrow(MultiTurnInputError);
    expect(attempt).toThrow(/raw JSON line/);
    expect(() => checkMultiTurnEntry({ id: "x_1", category: "c", question, possibleAnswer: { ground_truth: "nope" }, modelResult: [] })).toThrow(/ground_truth: string\[\]\[\]/);
  });
});
