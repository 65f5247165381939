// Scores a BFCL result directory against BFCL's data: every category present, then the leaderboard aggregation.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { categoryOfResultFile, isNotEvaluated, runsMultiTurn } from "./categories.js";
import type { ResultMode } from "./decode/decoded-output.js";
import { BfclDataError } from "./errors.js";
import type { LatencyStats } from "./latency.js";
import { latencyStats } from "./latency.js";
import type { Leaderboard, LeaderboardGroups } from "./leaderboard.js";
import { computeLeaderboard, leaderboardGroups } from "./leaderboard.js";
import { countJsonLines, questionFileOf } from "./load-data.js";
import type { MultiTurnChecker } from "./multi-turn-bridge.js";
import { loadMultiTurnChecker } from "./multi-turn-bridge.js";
import type { CategoryScore } from "./score-category.js";
import type { EarlyLaneWorker } from "./score-in-worker.js";
import { scoreLaneInWorker, startLaneWorkerEarly } from "./score-in-worker.js";
import type { LanePlan } from "./lane-plan.js";
import { planLanes, secondCoreIsIdle } from "./lane-plan.js";
import type { LaneCategory, LaneRequest } from "./score-lane.js";
import { scoreLane } from "./score-lane.js";

export interface ScoreBfclOptions {
  /** A BFCL result folder: `result/`, `result/<model>/`, or anything holding one model's `BFCL_v4_<category>_result.json` files. */
  resultsDir: string;
  /** BFCL's data folder: `BFCL_v4_<category>.json` question files and `possible_answer/`. */
  dataDir: string;
  /** The model's config replaced `.` with `_` in function names. */
  underscoreToDot?: boolean;
  /** Only these categories (default: every category with a result file). */
  categories?: readonly string[];
  /** How results were produced; "auto" (default) reads it from each result's shape. */
  mode?: ResultMode;
  /** Score only the entries present (BFCL's --partial-eval). */
  partial?: boolean;
  /** The multi-turn checker; undefined loads checker/multi-turn if present, null scores no multi-turn category. */
  multiTurnChecker?: MultiTurnChecker | null;
  /**
   * Use two threads: a worker scores the last multi-turn categories while this thread scores the single-turn ones and
   * the first multi-turn ones (see planLanes), or, when the plan leaves every multi-turn category to one lane, this
   * thread scores those and the worker the single-turn ones. The verdicts are one thread's: multi-turn entries run in
   * BFCL's order, and when the first ones leave state behind for later entries, this thread scores the later ones itself.
   * Ignored when a multiTurnChecker is given, since a function cannot cross to a thread.
   */
  parallel?: boolean;
  /**
   * With `parallel`: true splits the multi-turn categories between the threads wherever that balances their entries;
   * false never splits; by default they are split when the second core is idle and the split also pays for warming a
   * second multi-turn simulation in this thread (see planLanes).
   */
  splitMultiTurn?: boolean;
}

export interface BfclScoreReport {
  /** The model folder the results came from. */
  model: string;
  categories: Record<string, CategoryScore>;
  groups: LeaderboardGroups;
  /** Categories with results that could not be scored here, and why. */
  notScored: Record<string, string>;
  leaderboard: Leaderboard;
  latency?: LatencyStats;
}

const groupFolders = new Set(["non_live", "live", "multi_turn", "agentic", "format_sensitivity"]);

/** BFCL's own listing order, so reports read like its score tables. */
export const bfclCategoryOrder = [
  "simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple", "irrelevance",
  "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple", "live_irrelevance", "live_relevance",
  "multi_turn_base", "multi_turn_miss_func", "multi_turn_miss_param", "multi_turn_long_context",
  "web_search_base", "web_search_no_snippet", "memory_kv", "memory_vector", "memory_rec_sum", "format_sensitivity",
];

export async function scoreBfclResults(options: ScoreBfclOptions): Promise<BfclScoreReport> {
  if (!existsSync(options.dataDir) || !statSync(options.dataDir).isDirectory()) {
    throw new BfclDataError(`data directory ${options.dataDir} does not exist: pass BFCL's data folder (BFCL_v4_*.json and possible_answer/)`);
  }
  const files = findResultFiles(options.resultsDir);
  const selected = selectCategories(files, options.categories, options.resultsDir);
  const model = modelNameOf(files, options.resultsDir);
  const request = (categories: string[]): LaneRequest => ({
    categories,
    resultFiles: Object.fromEntries(categories.map((category) => [category, files.get(category) as string])),
    dataDir: options.dataDir,
    mode: options.mode ?? "auto",
    underscoreToDot: options.underscoreToDot ?? false,
    partial: options.partial ?? false,
  });

  // With single-turn and multi-turn categories both present, the plan always gives the worker a lane: it boots now,
  // while this thread counts entries and plans, instead of after.
  const early =
    options.parallel && options.multiTurnChecker === undefined && selected.some(runsMultiTurn) && selected.some((category) => !runsMultiTurn(category))
      ? startLaneWorkerEarly(model)
      : undefined;
  let lanes: LaneCategory[];
  // Asked to split, the plan balances entries alone; by default it also weighs this thread's multi-turn warm-up.
  let plan: LanePlan;
  try {
    plan = planLanes(selected, (category) => countLines(files.get(category) as string), {
      splitMultiTurn: options.splitMultiTurn ?? secondCoreIsIdle(),
      ...(options.splitMultiTurn === true ? { warmUpCost: 0 } : {}),
    });
  } catch (error) {
    // A worker waiting for a lane would keep the process alive.
    early?.stop();
    throw error;
  }
  if (options.parallel && options.multiTurnChecker === undefined && plan.here.length > 0 && plan.worker.length > 0) {
    // When the worker would take every multi-turn category, the threads swap lanes: the multi-turn simulation, the longer
    // lane, starts here at once instead of after the worker's boot (~0.13 s, Node's bootstrap of a new isolate), and the
    // worker scores the single-turn categories meanwhile. Whole `eval score` on the shared results: see BENCHMARKS.md.
    const singleTurnHere = plan.here.every((category) => !runsMultiTurn(category));
    lanes = await scoreInTwoThreads(singleTurnHere ? { here: plan.worker, worker: plan.here } : plan, request, model, early);
  } else {
    early?.stop();
    const multiTurnChecker = options.multiTurnChecker === undefined ? await loadMultiTurnChecker({ modelName: model }) : (options.multiTurnChecker ?? undefined);
    lanes = await scoreLane(request(selected), multiTurnChecker);
  }

  const categories: Record<string, CategoryScore> = {};
  const notScored: Record<string, string> = {};
  const latencies: number[] = [];
  const byCategory = new Map(lanes.map((lane) => [lane.category, lane]));
  // Reported in BFCL's order whichever lane scored a category.
  for (const category of selected) {
    const { outcome, latencies: own } = byCategory.get(category) as LaneCategory;
    if (outcome.scored) categories[category] = outcome.score;
    else notScored[category] = outcome.reason;
    latencies.push(...own);
  }

  const leaderboard = computeLeaderboard(categories, (category) => datasetSize(options.dataDir, category));
  return {
    model,
    categories,
    groups: leaderboardGroups(leaderboard),
    notScored,
    leaderboard,
    latency: latencyStats(latencies),
  };
}

/**
 * The worker thread scores the plan's `worker` lane while this thread scores its `here` lane, then the two halves are
 * joined. With multi-turn categories in both lanes, the worker runs the last ones. The worker starts with a fresh multi-turn runtime; that is BFCL's verdict exactly when this thread's
 * multi-turn entries left no state behind (ReferenceRuntime.carriesState). When they did, this thread scores the
 * worker's categories again through its own runtime, in order, and the worker's answer is dropped: the same verdicts
 * as one thread, at one thread's speed.
 */
async function scoreInTwoThreads(plan: LanePlan, request: (categories: string[]) => LaneRequest, model: string, early?: EarlyLaneWorker): Promise<LaneCategory[]> {
  // Start the worker first so it runs while this thread scores; settle both before failing.
  const inWorker = early ? early.score(request(plan.worker)) : scoreLaneInWorker(request(plan.worker), model);
  const here = (async () => {
    const needsChecker = plan.here.some(runsMultiTurn);
    const checker = needsChecker ? await loadMultiTurnChecker({ modelName: model }) : undefined;
    const own = await scoreLane(request(plan.here), checker);
    return { own, checker };
  })();
  const [worker, own] = await Promise.allSettled([inWorker, here]);
  if (own.status === "rejected") throw own.reason;
  const { checker } = own.value;
  // Only multi-turn entries see what earlier ones left behind; a single-turn lane in the worker is right as it is.
  const workerRunsMultiTurn = plan.worker.some(runsMultiTurn);
  if (checker && workerRunsMultiTurn && (checker.carriesState?.() ?? true)) return [...own.value.own, ...(await scoreLane(request(plan.worker), checker))];
  if (worker.status === "rejected") throw worker.reason;
  return [...own.value.own, ...worker.value];
}

/** Every `BFCL_v4_<category>_result.json` under the folder, by category; two files of one category mean two models. */
export function findResultFiles(resultsDir: string): Map<string, string> {
  if (!existsSync(resultsDir) || !statSync(resultsDir).isDirectory()) {
    throw new BfclDataError(`results directory ${resultsDir} does not exist: pass the folder BFCL wrote results to (result/<model>/)`);
  }
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const category = categoryOfResultFile(name);
        if (!category || isNotEvaluated(category)) continue;
        const existing = files.get(category);
        if (existing) {
          throw new BfclDataError(`${relative(resultsDir, existing)} and ${relative(resultsDir, path)} both hold ${category}: pass one model's folder (result/<model>/)`);
        }
        files.set(category, path);
      }
    }
  };
  walk(resultsDir);
  if (files.size === 0) throw new BfclDataError(`no BFCL_v4_<category>_result.json files under ${resultsDir}: pass the folder BFCL wrote results to (result/<model>/)`);
  return files;
}

function selectCategories(files: Map<string, string>, wanted: readonly string[] | undefined, resultsDir: string): string[] {
  const order = (category: string): number => {
    const index = bfclCategoryOrder.indexOf(category);
    return index === -1 ? bfclCategoryOrder.length : index;
  };
  const available = [...files.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  if (!wanted || wanted.length === 0) return available;
  const missing = wanted.filter((category) => !files.has(category));
  if (missing.length > 0) {
    throw new BfclDataError(`no results for ${missing.join(", ")} under ${resultsDir}; categories with results: ${available.join(", ")}`);
  }
  return available.filter((category) => wanted.includes(category));
}

/** About how many entries a result file holds (its line breaks), for planning only: the file is read, not parsed. */
function countLines(path: string): number {
  const bytes = readFileSync(path);
  let lines = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? 1 : 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

/** The entries a category has in the data, which a missing category is averaged over: its non-blank lines, unparsed. */
function datasetSize(dataDir: string, category: string): number {
  const file = questionFileOf(dataDir, category);
  return existsSync(file) ? countJsonLines(file) : 0;
}

/** The folder above the group folders (`result/<model>/non_live/…`), else the folder holding the files. */
function modelNameOf(files: Map<string, string>, resultsDir: string): string {
  const first = [...files.values()][0] as string;
  const parts = relative(resultsDir, dirname(first)).split(sep).filter(Boolean);
  const groupIndex = parts.findIndex((part) => groupFolders.has(part));
  if (groupIndex > 0) return parts[groupIndex - 1] as string;
  if (groupIndex === 0) return basename(resultsDir);
  return parts.at(-1) ?? basename(resultsDir);
}
