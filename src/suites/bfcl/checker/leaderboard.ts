// BFCL V4 leaderboard aggregation: per-category accuracies into the Non-live, Live, Irrelevance, Multi-turn, Agentic and Overall scores.

export interface CategoryAccuracy {
  accuracy: number;
  total: number;
}

/** A leaderboard cell: its value (a missing category counts 0) and what BFCL prints ("N/A" when a part is missing). */
export interface LeaderboardValue {
  accuracy: number;
  total: number;
  display: number | "N/A";
}

export interface Leaderboard {
  nonLive: {
    overall: LeaderboardValue;
    astSummary: LeaderboardValue;
    simple: LeaderboardValue;
    pythonSimple: LeaderboardValue;
    java: LeaderboardValue;
    javascript: LeaderboardValue;
    multiple: LeaderboardValue;
    parallel: LeaderboardValue;
    parallelMultiple: LeaderboardValue;
    irrelevance: LeaderboardValue;
  };
  live: {
    overall: LeaderboardValue;
    astSummary: LeaderboardValue;
    simple: LeaderboardValue;
    multiple: LeaderboardValue;
    parallel: LeaderboardValue;
    parallelMultiple: LeaderboardValue;
    irrelevance: LeaderboardValue;
    relevance: LeaderboardValue;
  };
  multiTurn: { overall: LeaderboardValue; base: LeaderboardValue; missFunc: LeaderboardValue; missParam: LeaderboardValue; longContext: LeaderboardValue };
  agentic: {
    overall: LeaderboardValue;
    webSearch: LeaderboardValue;
    webSearchBase: LeaderboardValue;
    webSearchNoSnippet: LeaderboardValue;
    memory: LeaderboardValue;
    memoryKv: LeaderboardValue;
    memoryVector: LeaderboardValue;
    memoryRecSum: LeaderboardValue;
  };
  irrelevance: LeaderboardValue;
  relevance: LeaderboardValue;
  overall: LeaderboardValue;
}

/** The six headline numbers; null where BFCL prints N/A. */
export type LeaderboardGroups = Record<"non_live" | "live" | "irrelevance" | "multi_turn" | "agentic" | "overall", number | null>;

/**
 * Aggregates as BFCL's generate_leaderboard_csv does, in the same float operation order so the printed
 * percentages agree to the last digit. A category without a score counts as 0 over its dataset size.
 */
export function computeLeaderboard(scores: Readonly<Record<string, CategoryAccuracy>>, datasetSize: (category: string) => number): Leaderboard {
  const get = (category: string): LeaderboardValue => {
    const score = scores[category];
    if (score) return { accuracy: score.accuracy, total: score.total, display: score.accuracy };
    return { accuracy: 0, total: datasetSize(category), display: "N/A" };
  };
  const pythonSimple = get("simple_python");
  const java = get("simple_java");
  const javascript = get("simple_javascript");
  const multiple = get("multiple");
  const parallel = get("parallel");
  const parallelMultiple = get("parallel_multiple");
  const nonLiveIrrelevance = get("irrelevance");
  const simple = unweighted([pythonSimple, java, javascript]);
  const nonLiveAst = [simple, multiple, parallel, parallelMultiple];

  const liveSimple = get("live_simple");
  const liveMultiple = get("live_multiple");
  const liveParallel = get("live_parallel");
  const liveParallelMultiple = get("live_parallel_multiple");
  const liveIrrelevance = get("live_irrelevance");
  const liveRelevance = get("live_relevance");
  const liveAst = [liveSimple, liveMultiple, liveParallel, liveParallelMultiple];

  const base = get("multi_turn_base");
  const missFunc = get("multi_turn_miss_func");
  const missParam = get("multi_turn_miss_param");
  const longContext = get("multi_turn_long_context");
  const multiTurnOverall = unweighted([base, missFunc, missParam, longContext], false);

  const webSearchBase = get("web_search_base");
  const webSearchNoSnippet = get("web_search_no_snippet");
  const webSearch = unweighted([webSearchBase, webSearchNoSnippet]);
  const memoryKv = get("memory_kv");
  const memoryVector = get("memory_vector");
  const memoryRecSum = get("memory_rec_sum");
  const memory = unweighted([memoryKv, memoryVector, memoryRecSum]);
  const agenticOverall = unweighted([webSearch, memory], false);

  const nonLiveOverall = unweighted(nonLiveAst, false);
  const liveOverall = weighted(liveAst, false);
  const irrelevance = unweighted([nonLiveIrrelevance, liveIrrelevance]);
  const overall = percentageWeighted([nonLiveOverall, liveOverall, irrelevance, multiTurnOverall, agenticOverall], [10, 10, 10, 30, 40], false);

  return {
    nonLive: { overall: nonLiveOverall, astSummary: unweighted(nonLiveAst), simple, pythonSimple, java, javascript, multiple, parallel, parallelMultiple, irrelevance: nonLiveIrrelevance },
    live: { overall: liveOverall, astSummary: weighted(liveAst), simple: liveSimple, multiple: liveMultiple, parallel: liveParallel, parallelMultiple: liveParallelMultiple, irrelevance: liveIrrelevance, relevance: liveRelevance },
    multiTurn: { overall: multiTurnOverall, base, missFunc, missParam, longContext },
    agentic: { overall: agenticOverall, webSearch, webSearchBase, webSearchNoSnippet, memory, memoryKv, memoryVector, memoryRecSum },
    irrelevance,
    relevance: liveRelevance,
    overall,
  };
}

export function leaderboardGroups(board: Leaderboard): LeaderboardGroups {
  const shown = (value: LeaderboardValue): number | null => (value.display === "N/A" ? null : value.display);
  return {
    non_live: shown(board.nonLive.overall),
    live: shown(board.live.overall),
    irrelevance: shown(board.irrelevance),
    multi_turn: shown(board.multiTurn.overall),
    agentic: shown(board.agentic.overall),
    overall: shown(board.overall),
  };
}

function withDisplay(accuracy: number, total: number, parts: LeaderboardValue[], naIfMissing: boolean): LeaderboardValue {
  const missing = parts.some((part) => part.display === "N/A");
  return { accuracy, total, display: missing && naIfMissing ? "N/A" : accuracy };
}

function unweighted(parts: LeaderboardValue[], naIfMissing = true): LeaderboardValue {
  let sum = 0;
  let total = 0;
  for (const part of parts) {
    sum += part.accuracy;
    total += part.total;
  }
  return withDisplay(sum / parts.length, total, parts, naIfMissing);
}

function weighted(parts: LeaderboardValue[], naIfMissing = true): LeaderboardValue {
  let sum = 0;
  let total = 0;
  for (const part of parts) {
    sum += part.accuracy * part.total;
    total += part.total;
  }
  return withDisplay(total === 0 ? 0 : sum / total, total, parts, naIfMissing);
}

function percentageWeighted(parts: LeaderboardValue[], weights: number[], naIfMissing = true): LeaderboardValue {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  let total = 0;
  parts.forEach((part, i) => {
    sum += part.accuracy * ((weights[i] as number) / weightSum);
    total += part.total;
  });
  return withDisplay(sum, total, parts, naIfMissing);
}
