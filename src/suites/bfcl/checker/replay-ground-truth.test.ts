// Sanity: every category's own ground truth, replayed as a perfect FC model's output, scores 100% except answers no output can pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sharedPath, describeWithShared, sharedAvailable } from "../../../test-support/shared-data.js";
import { loadMultiTurnChecker } from "./multi-turn-bridge.js";
import type { BfclScoreReport } from "./score-bfcl-results.js";
import { scoreBfclResults } from "./score-bfcl-results.js";
import { replayGroundTruth, resultFileName } from "./replay-ground-truth.js";

const categories = [
  "simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple", "irrelevance",
  "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple", "live_irrelevance", "live_relevance",
  "web_search_base", "web_search_no_snippet", "memory_kv", "memory_vector", "memory_rec_sum",
];
const multiTurnCategories = ["multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"];

/**
 * Ground truths BFCL's checker can never accept, whatever the model writes (so they are facts about the data, not
 * about this checker; the official checker fails them the same way):
 * - live_simple_106-63-0, live_simple_112-68-0, live_multiple_507-149-4, live_multiple_964-207-0: the answer omits
 *   a parameter the doc requires (giving it is "unexpected", leaving it out "missing_required").
 * - live_multiple_862-181-3: the answer demands `journey_start_time`, which the function's doc does not have.
 * - simple_java_36, simple_java_65: ArrayList<any> answers hold ints and booleans, but the converter turns every
 *   `any` element into a string.
 * - simple_java_64: a HashMap answer's value is a bare string, so BFCL's dict checker compares against its characters.
 */
const unreachable: Record<string, Record<string, string>> = {
  simple_java: { simple_java_36: "value_error:list/tuple", simple_java_64: "value_error:dict_value", simple_java_65: "value_error:list/tuple" },
  live_simple: { "live_simple_106-63-0": "simple_function_checker:missing_required", "live_simple_112-68-0": "simple_function_checker:missing_required" },
  live_multiple: {
    "live_multiple_507-149-4": "simple_function_checker:missing_required",
    "live_multiple_862-181-3": "simple_function_checker:unexpected_param",
    "live_multiple_964-207-0": "simple_function_checker:missing_required",
  },
};

let dir: string;
let report: BfclScoreReport;
let multiTurnPresent = false;

beforeAll(async () => {
  if (!sharedAvailable("data", "bfcl")) return;
  const dataDir = sharedPath("data", "bfcl");
  dir = mkdtempSync(join(tmpdir(), "toolgate-bfcl-replay-"));
  const modelDir = join(dir, "result", "perfect-model");
  mkdirSync(modelDir, { recursive: true });
  multiTurnPresent = (await loadMultiTurnChecker()) !== undefined;
  for (const category of [...categories, ...(multiTurnPresent ? multiTurnCategories : [])]) {
    writeFileSync(join(modelDir, resultFileName(category)), `${replayGroundTruth(dataDir, category).join("\n")}\n`);
  }
  report = await scoreBfclResults({ resultsDir: join(dir, "result"), dataDir });
});

afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describeWithShared("ground truth replayed as model output", () => {
  it.each(categories)("%s scores 100% apart from the unreachable answers", (category) => {
    const score = report.categories[category];
    expect(score).toBeDefined();
    expect(Object.fromEntries((score?.failed ?? []).map((f) => [f.id, f.error_type]))).toEqual(unreachable[category] ?? {});
    expect(score?.correct).toBe((score?.total ?? 0) - Object.keys(unreachable[category] ?? {}).length);
  });

  it("replays multi-turn ground truth at 100% when the multi-turn checker is present", () => {
    if (!multiTurnPresent) {
      expect(Object.keys(report.categories).filter((category) => category.startsWith("multi_turn"))).toEqual([]);
      return;
    }
    for (const category of multiTurnCategories) expect(report.categories[category]?.accuracy).toBe(1);
  });

  it("writes one result line per question with the category's ids", () => {
    const lines = replayGroundTruth(sharedPath("data", "bfcl"), "web_search_no_snippet");
    expect(lines).toHaveLength(100);
    expect(JSON.parse(lines[0] as string)).toEqual({ id: "web_search_no_snippet_0", result: [["The answer is Zhang Yiming."]] });
    expect(() => resultFileName("not a category")).toThrow(/not a BFCL category name/);
  });
}, "data", "bfcl");
