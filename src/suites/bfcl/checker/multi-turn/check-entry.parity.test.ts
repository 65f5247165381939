// Parity with the official BFCL checker on glyphh-ada-1.1's 800 multi-turn answers: same verdicts, same printed results.
import { describe, expect, it } from "vitest";
import { sharedAvailableOrNotice } from "../../../../test-support/shared-data.js";
import { checkMultiTurnEntry, type MultiTurnVerdict } from "./check-entry.js";
import { ReferenceRuntime } from "./reference-runtime.js";
import { REFERENCE_CATEGORY_ORDER, RESULTS_MODEL, loadMultiTurnEntries, loadOfficialScores, type MultiTurnCategory } from "./test-support/multi-turn-data.js";

// One runtime for the whole run, in the official order: post_tweet's shared default list carries across entries there too.
const runtime = new ReferenceRuntime({ modelName: RESULTS_MODEL });
const verdicts = new Map<MultiTurnCategory, Map<string, MultiTurnVerdict>>();
const present = sharedAvailableOrNotice("data", "bfcl-results");
for (const category of present ? REFERENCE_CATEGORY_ORDER : []) {
  const byId = new Map<string, MultiTurnVerdict>();
  for (const entry of loadMultiTurnEntries(category)) {
    byId.set(entry.id, checkMultiTurnEntry({ ...entry, possibleAnswer: entry.groundTruth }, { runtime }));
  }
  verdicts.set(category, byId);
}

describe.skipIf(!present).each(REFERENCE_CATEGORY_ORDER)("multi_turn_%s against the official score file", (category) => {
  const official = present ? loadOfficialScores(category) : undefined as unknown as ReturnType<typeof loadOfficialScores>;
  const ours = verdicts.get(category) as Map<string, MultiTurnVerdict>;

  it("reaches the same accuracy", () => {
    const correct = [...ours.values()].filter((verdict) => verdict.valid).length;
    expect(ours.size).toBe(official.totalCount);
    expect(correct).toBe(official.correctCount);
    expect(correct / ours.size).toBe(official.accuracy);
  });

  it("fails exactly the same ids with the same error types and messages", () => {
    const ourFailures = new Map([...ours].filter(([, verdict]) => !verdict.valid).map(([id, verdict]) => [id, `${verdict.errorType} | ${verdict.message}`]));
    const theirFailures = new Map([...official.failures].map(([id, failure]) => [id, `${failure.errorType} | ${failure.errorMessage}`]));
    expect(Object.fromEntries(ourFailures)).toEqual(Object.fromEntries(theirFailures));
  });

  it("prints the same execution results the official checker recorded for its failures", () => {
    for (const [id, failure] of official.failures) {
      const details = ours.get(id)?.details;
      if (failure.executionResult) {
        const printed = failure.executionResult.map((turn) => ({ model: turn.model, groundTruth: turn.ground_truth }));
        expect(details?.executionResults, id).toEqual(printed);
      }
      if (failure.missingItems) {
        expect(details?.missingResults, id).toEqual(failure.missingItems);
        expect(details?.modelResultsSoFar, id).toEqual(failure.modelResponseSoFar);
        expect(details?.groundTruthResults, id).toEqual(failure.groundTruthResponse);
      }
    }
  });
});

describe.skipIf(!present)("the reference process's shared state", () => {
  it("ends with the mention a miss_param entry leaked into post_tweet's default list, as in the official run", () => {
    expect(runtime.postTweetDefaults.mentions).toEqual(["VehicleGuru"]);
    expect(runtime.postTweetDefaults.tags).toEqual([]);
  });
});
