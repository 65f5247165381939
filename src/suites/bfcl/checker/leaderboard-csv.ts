// The rows BFCL writes to data_non_live.csv, data_live.csv, data_multi_turn.csv, data_agentic.csv and data_overall.csv.
import type { Leaderboard, LeaderboardValue } from "./leaderboard.js";
import { pyFloatRepr } from "../../python/py-repr.js";
import { pyFormatFixed } from "../../python/py-format.js";

export const leaderboardCsvHeaders = {
  non_live: ["Rank", "Model", "Non-Live Overall Acc", "AST Summary", "Simple AST", "Python Simple AST", "Java Simple AST", "JavaScript Simple AST", "Multiple AST", "Parallel AST", "Parallel Multiple AST", "Irrelevance Detection"],
  live: ["Rank", "Model", "Live Overall Acc", "AST Summary", "Python Simple AST", "Python Multiple AST", "Python Parallel AST", "Python Parallel Multiple AST", "Irrelevance Detection", "Relevance Detection"],
  multi_turn: ["Rank", "Model", "Multi Turn Overall Acc", "Base", "Miss Func", "Miss Param", "Long Context"],
  agentic: ["Rank", "Model", "Agentic Overall Acc", "Web Search Summary", "Web Search Base", "Web Search No Snippet", "Memory Summary", "Memory KV", "Memory Vector", "Memory Recursive Summarization"],
  overall: [
    "Rank", "Overall Acc", "Model", "Model Link", "Total Cost ($)", "Latency Mean (s)", "Latency Standard Deviation (s)", "Latency 95th Percentile (s)",
    "Non-Live AST Acc", "Non-Live Simple AST", "Non-Live Multiple AST", "Non-Live Parallel AST", "Non-Live Parallel Multiple AST",
    "Live Acc", "Live Simple AST", "Live Multiple AST", "Live Parallel AST", "Live Parallel Multiple AST",
    "Multi Turn Acc", "Multi Turn Base", "Multi Turn Miss Func", "Multi Turn Miss Param", "Multi Turn Long Context",
    "Web Search Acc", "Web Search Base", "Web Search No Snippet", "Memory Acc", "Memory KV", "Memory Vector", "Memory Recursive Summarization",
    "Relevance Detection", "Irrelevance Detection", "Format Sensitivity Max Delta", "Format Sensitivity Standard Deviation", "Organization", "License",
  ],
} as const;

export type LeaderboardCsvFile = keyof typeof leaderboardCsvHeaders;

/** What the model config supplies in BFCL (name, link, organisation, licence, prices); "N/A" where unknown. */
export interface ModelColumns {
  displayName: string;
  link?: string;
  organization?: string;
  license?: string;
  cost?: number;
  latency?: { mean: number; std: number; p95: number };
}

/** `"{:.2f}%".format(accuracy * 100)`, as BFCL prints an accuracy. */
export function formatAccuracy(accuracy: number): string {
  return `${pyFormatFixed(accuracy * 100, 2)}%`;
}

/** A leaderboard cell as BFCL prints it: a percentage, or N/A. */
export function formatPercent(value: LeaderboardValue): string {
  return value.display === "N/A" ? "N/A" : formatAccuracy(value.display);
}

/** One model's row per file, as BFCL writes it (rank 1: the row is ranked among itself). */
export function leaderboardCsvRows(board: Leaderboard, model: ModelColumns): Record<LeaderboardCsvFile, string[]> {
  const p = formatPercent;
  const { nonLive, live, multiTurn, agentic } = board;
  const plain = (value: number | undefined): string => (value === undefined ? "N/A" : pyFloatRepr(value));
  return {
    non_live: ["1", model.displayName, p(nonLive.overall), p(nonLive.astSummary), p(nonLive.simple), p(nonLive.pythonSimple), p(nonLive.java), p(nonLive.javascript), p(nonLive.multiple), p(nonLive.parallel), p(nonLive.parallelMultiple), p(nonLive.irrelevance)],
    live: ["1", model.displayName, p(live.overall), p(live.astSummary), p(live.simple), p(live.multiple), p(live.parallel), p(live.parallelMultiple), p(live.irrelevance), p(live.relevance)],
    multi_turn: ["1", model.displayName, p(multiTurn.overall), p(multiTurn.base), p(multiTurn.missFunc), p(multiTurn.missParam), p(multiTurn.longContext)],
    agentic: ["1", model.displayName, p(agentic.overall), p(agentic.webSearch), p(agentic.webSearchBase), p(agentic.webSearchNoSnippet), p(agentic.memory), p(agentic.memoryKv), p(agentic.memoryVector), p(agentic.memoryRecSum)],
    overall: [
      "1", p(board.overall), model.displayName, model.link ?? "N/A", plain(model.cost), plain(model.latency?.mean), plain(model.latency?.std), plain(model.latency?.p95),
      p(nonLive.astSummary), p(nonLive.simple), p(nonLive.multiple), p(nonLive.parallel), p(nonLive.parallelMultiple),
      p(live.overall), p(live.simple), p(live.multiple), p(live.parallel), p(live.parallelMultiple),
      p(multiTurn.overall), p(multiTurn.base), p(multiTurn.missFunc), p(multiTurn.missParam), p(multiTurn.longContext),
      p(agentic.webSearch), p(agentic.webSearchBase), p(agentic.webSearchNoSnippet), p(agentic.memory), p(agentic.memoryKv), p(agentic.memoryVector), p(agentic.memoryRecSum),
      p(board.relevance), p(board.irrelevance), "N/A", "N/A", model.organization ?? "N/A", model.license ?? "N/A",
    ],
  };
}

/** The file's text: header line, then the row, no trailing newline (as BFCL writes it). */
export function leaderboardCsv(file: LeaderboardCsvFile, row: readonly string[]): string {
  return `${leaderboardCsvHeaders[file].join(",")}\n${row.join(",")}`;
}
