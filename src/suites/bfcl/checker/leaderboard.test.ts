// Leaderboard aggregation: unweighted and entry-weighted means, missing categories, N/A display.
import { describe, expect, it } from "vitest";
import { computeLeaderboard, leaderboardGroups } from "./leaderboard.js";

const all = (accuracy: number) =>
  Object.fromEntries(
    ["simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple", "irrelevance", "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple", "live_irrelevance", "live_relevance", "multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context", "web_search_base", "web_search_no_snippet", "memory_kv", "memory_vector", "memory_rec_sum"].map((category) => [category, { accuracy, total: 10 }]),
  );

describe("computeLeaderboard", () => {
  it("weights live AST categories by entries and the rest equally", () => {
    const scores = { ...all(1), live_simple: { accuracy: 0.5, total: 100 }, live_multiple: { accuracy: 1, total: 300 } };
    const board = computeLeaderboard(scores, () => 0);
    expect(board.live.overall.accuracy).toBeCloseTo((0.5 * 100 + 300 + 10 + 10) / 420, 12);
    expect(board.nonLive.overall.accuracy).toBe(1);
    expect(board.overall.accuracy).toBeCloseTo(0.1 + 0.1 * board.live.overall.accuracy + 0.1 + 0.3 + 0.4, 12);
  });
  it("counts a missing category as 0 over its dataset size, and shows N/A only where BFCL does", () => {
    const scores: Record<string, { accuracy: number; total: number }> = all(1);
    delete scores.simple_java;
    delete scores.live_parallel;
    delete scores.irrelevance;
    const board = computeLeaderboard(scores, (category) => (category === "live_parallel" ? 30 : 0));
    expect(board.nonLive.simple).toMatchObject({ accuracy: 2 / 3, display: "N/A" });
    expect(board.nonLive.overall.display).toBeCloseTo((2 / 3 + 3) / 4, 12);
    expect(board.live.overall.accuracy).toBeCloseTo(30 / 60, 12);
    expect(board.live.astSummary.display).toBe("N/A");
    expect(leaderboardGroups(board)).toMatchObject({ irrelevance: null, multi_turn: 1, agentic: 1 });
  });
});
