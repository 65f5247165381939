// CSV rows and percentages exactly as BFCL writes them.
import { describe, expect, it } from "vitest";
import { computeLeaderboard } from "./leaderboard.js";
import { formatAccuracy, leaderboardCsv, leaderboardCsvHeaders, leaderboardCsvRows } from "./leaderboard-csv.js";

describe("leaderboard CSV", () => {
  it("formats accuracies as BFCL's {:.2f}% does, ties to even", () => {
    expect(formatAccuracy(0.8541666666666666)).toBe("85.42%");
    expect(formatAccuracy(0.87125)).toBe("87.12%");
    expect(formatAccuracy(1)).toBe("100.00%");
  });
  it("writes N/A for categories without results and model columns it does not know", () => {
    const board = computeLeaderboard({ simple_python: { accuracy: 0.5, total: 400 } }, () => 100);
    const rows = leaderboardCsvRows(board, { displayName: "M" });
    // Non-live overall is mean(mean(python, java, js), multiple, parallel, parallel multiple) = (0.5 / 3) / 4.
    expect(rows.non_live).toEqual(["1", "M", "4.17%", "N/A", "N/A", "50.00%", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A"]);
    expect(rows.overall.slice(0, 8)).toEqual(["1", "0.42%", "M", "N/A", "N/A", "N/A", "N/A", "N/A"]);
    expect(rows.overall).toHaveLength(leaderboardCsvHeaders.overall.length);
    expect(leaderboardCsv("multi_turn", rows.multi_turn)).toBe("Rank,Model,Multi Turn Overall Acc,Base,Miss Func,Miss Param,Long Context\n1,M,0.00%,N/A,N/A,N/A,N/A");
  });
});
