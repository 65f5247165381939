// Parity with the official BFCL evaluator on one real model's results: same accuracy, same failed ids, same error types, same CSV rows.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sharedPath, describeWithShared, sharedAvailable } from "../../../test-support/shared-data.js";
import { BfclDataError } from "./errors.js";
import { computeLeaderboard } from "./leaderboard.js";
import { leaderboardCsvHeaders, leaderboardCsvRows } from "./leaderboard-csv.js";
import type { LeaderboardCsvFile } from "./leaderboard-csv.js";
import { readOfficialScores } from "./official-scores.js";
import type { OfficialCategoryScore } from "./official-scores.js";
import type { BfclScoreReport } from "./score-bfcl-results.js";
import { findResultFiles, scoreBfclResults } from "./score-bfcl-results.js";

const glyphh = () => sharedPath("data", "bfcl-results", "glyphh-ada-1.1");
const dataDir = () => sharedPath("data", "bfcl");

const multiTurnCategories = ["multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context"];
const singleTurnCategories = [
  "simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple", "irrelevance",
  "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple", "live_irrelevance",
  "web_search_base", "web_search_no_snippet", "memory_kv", "memory_vector", "memory_rec_sum",
];

let report: BfclScoreReport;
let official: Record<string, OfficialCategoryScore>;

beforeAll(async () => {
  if (!sharedAvailable("data", "bfcl-results")) return;
  report = await scoreBfclResults({ resultsDir: join(glyphh(), "result"), dataDir: dataDir() });
  // The official verdicts are only read to compare with; nothing above looked at them.
  official = readOfficialScores(join(glyphh(), "score"));
});

function csv(file: LeaderboardCsvFile): string[] {
  const text = readFileSync(join(glyphh(), "score", `data_${file}.csv`), "utf8").trim().split("\n");
  expect(text[0]?.split(",")).toEqual([...leaderboardCsvHeaders[file]]);
  return (text[1] as string).split(",");
}

describeWithShared("parity with the official evaluator (glyphh-ada-1.1)", () => {
  it.each(singleTurnCategories)("%s: same accuracy, same failed ids with the same error types", (category) => {
    const ours = report.categories[category];
    const theirs = official[category] as OfficialCategoryScore;
    expect(ours, `${category} was not scored: ${report.notScored[category]}`).toBeDefined();
    expect({ accuracy: ours?.accuracy, correct: ours?.correct, total: ours?.total }).toEqual({ accuracy: theirs.accuracy, correct: theirs.correct, total: theirs.total });
    const byId = (failed: Array<{ id: string; error_type: string }>) => Object.fromEntries(failed.map((f) => [f.id, f.error_type]));
    expect(byId(ours?.failed ?? [])).toEqual(byId(theirs.failed));
  });

  it("scores multi-turn with the multi-turn checker when it is present, and says so when it is not", () => {
    for (const category of multiTurnCategories) {
      const ours = report.categories[category];
      if (!ours) {
        expect(report.notScored[category]).toMatch(/multi-turn checker is not available/);
        continue;
      }
      const theirs = official[category] as OfficialCategoryScore;
      expect(ours.accuracy).toBe(theirs.accuracy);
      expect(Object.fromEntries(ours.failed.map((f) => [f.id, f.error_type]))).toEqual(Object.fromEntries(theirs.failed.map((f) => [f.id, f.error_type])));
    }
  });

  it("reproduces data_non_live.csv, data_live.csv and data_agentic.csv from its own scores", () => {
    for (const file of ["non_live", "live", "agentic"] as const) {
      const expected = csv(file);
      const rows = leaderboardCsvRows(report.leaderboard, { displayName: expected[1] as string });
      expect(rows[file]).toEqual(expected);
    }
  });

  it("reproduces the single-turn, agentic and latency columns of data_overall.csv from its own scores", () => {
    const expected = csv("overall");
    const row = leaderboardCsvRows(report.leaderboard, { displayName: expected[2] as string, latency: report.latency });
    const header = leaderboardCsvHeaders.overall;
    const multiTurnScored = multiTurnCategories.every((category) => report.categories[category]);
    // Link, cost, organisation and licence come from BFCL's model config, not from results.
    const fromConfig = new Set(["Model Link", "Total Cost ($)", "Organization", "License"]);
    const needsMultiTurn = new Set(["Overall Acc", "Multi Turn Acc", "Multi Turn Base", "Multi Turn Miss Func", "Multi Turn Miss Param", "Multi Turn Long Context"]);
    header.forEach((column, i) => {
      if (fromConfig.has(column) || (needsMultiTurn.has(column) && !multiTurnScored)) return;
      expect(`${column}=${row.overall[i]}`).toBe(`${column}=${expected[i]}`);
    });
  });

  it("puts the six headline groups in the report", () => {
    expect(report.groups.non_live).toBeCloseTo(0.8870833, 6);
    expect(report.groups.live).toBeCloseTo(0.7431532, 6);
    expect(report.groups.irrelevance).toBeCloseTo(0.8756127, 6);
    expect(report.groups.agentic).toBeCloseTo(0.8329839, 6);
    expect(Object.keys(report.groups)).toEqual(["non_live", "live", "irrelevance", "multi_turn", "agentic", "overall"]);
    expect(report.model).toBe("glyphh-ada-1.1");
  });
}, "data", "bfcl-results");

describeWithShared("leaderboard aggregation formulas", () => {
  it("turns the official per-category accuracies into exactly the official CSV rows, multi-turn and overall included", () => {
    // This checks the arithmetic of aggregation only: the inputs are BFCL's own category accuracies.
    const scores = Object.fromEntries(Object.entries(official).map(([category, score]) => [category, { accuracy: score.accuracy, total: score.total }]));
    const board = computeLeaderboard(scores, () => 0);
    for (const file of ["non_live", "live", "multi_turn", "agentic"] as const) {
      const expected = csv(file);
      expect(leaderboardCsvRows(board, { displayName: expected[1] as string })[file]).toEqual(expected);
    }
    const expected = csv("overall");
    const row = leaderboardCsvRows(board, {
      displayName: expected[2] as string,
      link: expected[3],
      cost: Number(expected[4]),
      latency: { mean: Number(expected[5]), std: Number(expected[6]), p95: Number(expected[7]) },
      organization: expected[34],
      license: expected[35],
    }).overall;
    expect(row).toEqual(expected);
  });
}, "data", "bfcl-results");

describeWithShared("result directories", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "toolgate-bfcl-dirs-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds results at any depth and refuses a folder holding two models", () => {
    expect(findResultFiles(join(glyphh(), "result")).size).toBe(21);
    expect(findResultFiles(join(glyphh(), "result", "glyphh-ada-1.1", "agentic")).size).toBe(5);
    for (const model of ["a", "b"]) {
      mkdirSync(join(dir, model), { recursive: true });
      writeFileSync(join(dir, model, "BFCL_v4_simple_python_result.json"), "");
    }
    expect(() => findResultFiles(dir)).toThrow(/both hold simple_python: pass one model's folder/);
  });

  it("names the fix for a missing folder, a missing category and an incomplete result file", async () => {
    await expect(scoreBfclResults({ resultsDir: join(dir, "nowhere"), dataDir: dataDir() })).rejects.toThrow(/results directory .* does not exist/);
    await expect(scoreBfclResults({ resultsDir: join(glyphh(), "result"), dataDir: join(dir, "nowhere") })).rejects.toThrow(BfclDataError);
    await expect(scoreBfclResults({ resultsDir: join(glyphh(), "result"), dataDir: dataDir(), categories: ["live_relevance"] })).rejects.toThrow(
      /no results for live_relevance .* categories with results: simple_python/,
    );
    const partial = join(dir, "partial");
    mkdirSync(partial);
    const lines = readFileSync(join(glyphh(), "result", "glyphh-ada-1.1", "non_live", "BFCL_v4_parallel_result.json"), "utf8").trim().split("\n");
    writeFileSync(join(partial, "BFCL_v4_parallel_result.json"), lines.slice(0, 10).join("\n"));
    await expect(scoreBfclResults({ resultsDir: partial, dataDir: dataDir() })).rejects.toThrow(/has 10 entries but parallel has 200: .* pass --partial/);
    const scored = await scoreBfclResults({ resultsDir: partial, dataDir: dataDir(), partial: true });
    expect(scored.categories.parallel?.total).toBe(10);
  });
}, "data", "bfcl-results");
