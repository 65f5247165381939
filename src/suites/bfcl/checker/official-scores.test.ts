// BFCL's score files: the header line and the failed entries, wherever the error type sits.
import { join } from "node:path";
import { expect, it } from "vitest";
import { sharedPath, describeWithShared } from "../../../test-support/shared-data.js";
import { readOfficialScoreFile, readOfficialScores } from "./official-scores.js";

const scoreDir = () => sharedPath("data", "bfcl-results", "glyphh-ada-1.1", "score", "glyphh-ada-1.1");

describeWithShared("official score files", () => {
  it("read the summary and the failed ids with their error types", () => {
    const score = readOfficialScoreFile(join(scoreDir(), "non_live", "BFCL_v4_simple_python_score.json"));
    expect({ accuracy: score.accuracy, correct: score.correct, total: score.total }).toEqual({ accuracy: 0.945, correct: 378, total: 400 });
    expect(score.failed).toHaveLength(22);
    expect(score.failed[0]).toEqual({ id: "simple_python_13", error_type: "type_error:nested" });
  });
  it("find the error type inside `error` for agentic files, across nested folders", () => {
    const scores = readOfficialScores(scoreDir());
    expect(Object.keys(scores)).toHaveLength(21);
    expect(scores.memory_kv?.failed[0]).toEqual({ id: "memory_kv_9-customer-9", error_type: "agentic:answer_not_found" });
    expect(scores.multi_turn_base?.failed.every((failure) => failure.error_type.startsWith("multi_turn:"))).toBe(true);
  });
}, "data", "bfcl-results");
