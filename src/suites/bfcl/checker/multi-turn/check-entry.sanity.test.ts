// Replaying each question's ground truth as the model's answer must pass every multi-turn entry.
import { describe, expect, it } from "vitest";
import { sharedAvailableOrNotice } from "../../../../test-support/shared-data.js";
import { checkMultiTurnEntry } from "./check-entry.js";
import { ReferenceRuntime } from "./reference-runtime.js";
import { groundTruthAsModelResult } from "./test-support/ground-truth-replay.js";
import { MULTI_TURN_CATEGORIES, loadGroundTruthEntries } from "./test-support/multi-turn-data.js";

describe.skipIf(!sharedAvailableOrNotice("data", "bfcl")).each(MULTI_TURN_CATEGORIES)("ground truth replayed as model output, multi_turn_%s", (category) => {
  it("scores 100%", () => {
    const runtime = new ReferenceRuntime();
    const entries = loadGroundTruthEntries(category);
    const failures = entries
      .map((entry) => {
        const involved = (JSON.parse(entry.question) as { involved_classes: string[] }).involved_classes;
        const verdict = checkMultiTurnEntry(
          { ...entry, possibleAnswer: entry.groundTruth, modelResult: groundTruthAsModelResult(entry.groundTruth, involved) },
          { runtime },
        );
        return verdict.valid ? undefined : `${entry.id}: ${verdict.errorType} ${verdict.message}`;
      })
      .filter((failure) => failure !== undefined);
    expect(entries).toHaveLength(200);
    expect(failures).toEqual([]);
  });
});
