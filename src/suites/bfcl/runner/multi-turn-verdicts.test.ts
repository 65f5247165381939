// Multi-turn verdicts on case results: one entry judged alone, and a whole run's BFCL score carried into its cases.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { sharedPath, describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import type { BfclLine } from "../checker/index.js";
import { loadGroundTruth, loadQuestions, scoreBfclResults } from "../checker/index.js";
import { caseResult } from "../../../eval/scoring/test-support/case-results.js";
import type { MultiTurnResultLine } from "./multi-turn-result-file.js";
import { applyBfclVerdicts, judgeMultiTurnEntry, withJudgement } from "./multi-turn-verdicts.js";

const dataDir = whenShared(["data", "bfcl"], () => sharedPath("data", "bfcl"), "");
const recorded = whenShared(["data", "bfcl-results"], () => readFileSync(sharedPath("data", "bfcl-results", "glyphh-ada-1.1", "result", "glyphh-ada-1.1", "multi_turn", "BFCL_v4_multi_turn_base_result.json"), "utf8"), "")
  .split("\n")
  .filter((line) => line.trim() !== "");
const recordedLine = (id: string) => recorded.find((text) => (JSON.parse(text) as { id: string }).id === id) as string;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeWithShared("judgeMultiTurnEntry", () => {
  it("gives the official checker's verdicts on recorded entries", () => {
    const questions = loadQuestions(dataDir, "multi_turn_base");
    const answers = loadGroundTruth(dataDir, "multi_turn_base");
    const judge = (index: number) => judgeMultiTurnEntry(JSON.parse(recordedLine(`multi_turn_base_${index}`)) as MultiTurnResultLine, questions[index] as BfclLine, answers[index] as BfclLine);
    expect(judge(0)).toEqual({ valid: true });
    // The official score file fails multi_turn_base_2 this way.
    expect(judge(2)).toMatchObject({ valid: false, errorType: "multi_turn:instance_state_mismatch", message: "Model instance for GorillaFileSystem does not match the state with ground truth instance." });
  });
}, "data", "bfcl-results");

describeWithShared("withJudgement", () => {
  it("passes or fails a measured entry with BFCL's error type as the reason, and leaves errors alone", () => {
    const measured = caseResult({ id: "multi_turn_base_2", kind: "effects", status: "failed" });
    expect(withJudgement(measured, { valid: true })).toMatchObject({ status: "passed", effects: { correct: true, changes: [] }, reasons: [] });
    expect(withJudgement(measured, { valid: false, errorType: "multi_turn:empty_turn_model_response", message: "Model response list is empty for turn 1" })).toMatchObject({
      status: "failed",
      effects: { correct: false },
      reasons: ["multi_turn:empty_turn_model_response: Model response list is empty for turn 1"],
    });
    const failed = caseResult({ status: "error", error: "down" });
    expect(withJudgement(failed, { valid: true })).toBe(failed);
  });
}, "data", "bfcl-results");

describeWithShared("applyBfclVerdicts", () => {
  it("judges each case as the run's BFCL score judged it, and reports an unscored category as an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "toolgate-mt-verdicts-"));
    dirs.push(dir);
    mkdirSync(join(dir, "m", "multi_turn"), { recursive: true });
    writeFileSync(join(dir, "m", "multi_turn", "BFCL_v4_multi_turn_base_result.json"), ["multi_turn_base_0", "multi_turn_base_1", "multi_turn_base_2"].map(recordedLine).join("\n"));
    const measured = [0, 1, 2].map((index) => caseResult({ id: `multi_turn_base_${index}`, category: "multi_turn_base", kind: "effects", status: "failed" }));
    const score = await scoreBfclResults({ resultsDir: join(dir, "m"), dataDir, partial: true, mode: "fc" });
    expect(applyBfclVerdicts(measured, score).map((result) => [result.id, result.status, result.reasons[0]?.split(":").slice(0, 2).join(":")])).toEqual([
      ["multi_turn_base_0", "passed", undefined],
      ["multi_turn_base_1", "passed", undefined],
      ["multi_turn_base_2", "failed", "multi_turn:instance_state_mismatch"],
    ]);
    const unscored = await scoreBfclResults({ resultsDir: join(dir, "m"), dataDir, partial: true, mode: "fc", multiTurnChecker: null });
    expect(applyBfclVerdicts(measured, unscored)[0]).toMatchObject({ status: "error", error: "the multi-turn checker is not available in this build" });
  });
}, "data", "bfcl-results");
