// A BFCL suite end to end: questions through the model and the gate, BFCL-format result files, then BFCL's own scoring of them.
import { join } from "node:path";
import type { BfclScoreReport } from "../checker/index.js";
import { scoreBfclResults } from "../checker/index.js";
import type { EvalProgress, EvalRun, RunEvalSuiteOptions } from "../../../eval/index.js";
import { runEvalSuite } from "../../../eval/index.js";
import { summarizeResults } from "../../../eval/index.js";
import { bfclArgumentChecker } from "./bfcl-argument-checker.js";
import { bfclModelName } from "./bfcl-model-name.js";
import { isMultiTurnBfclCategory } from "./bfcl-suite-name.js";
import { loadBfclCases } from "./load-bfcl-cases.js";
import { writeMultiTurnResults } from "./multi-turn-result-file.js";
import { loadMultiTurnEntries, runMultiTurnSuite } from "./multi-turn-suite.js";
import { applyBfclVerdicts } from "./multi-turn-verdicts.js";
import { writeBfclResults } from "./write-bfcl-results.js";

export interface RunBfclSuiteOptions extends Omit<RunEvalSuiteOptions, "cases" | "checkArguments"> {
  /** BFCL's data folder: `BFCL_v4_<category>.json`, `possible_answer/` and (for multi-turn) `multi_turn_func_doc/`. */
  dataDir: string;
  categories: readonly string[];
  /** Only the first n questions per category; the written files are then scored as a partial evaluation. */
  limit?: number;
  /** Result files go to `<outDir>/result/<model>/<group>/`. */
  outDir: string;
  /** The `<model>` folder; derived from the model spec by default. */
  modelName?: string;
}

export interface BfclSuiteRun {
  run: EvalRun;
  /** What `toolgate eval score` reports for the written files. */
  score: BfclScoreReport;
  /** The folder holding the written result files (pass it to `toolgate eval score`). */
  resultsDir: string;
  resultFiles: string[];
}

export async function runBfclSuite(options: RunBfclSuiteOptions): Promise<BfclSuiteRun> {
  const limit = options.limit === undefined ? {} : { limit: options.limit };
  const singleTurn = options.categories.filter((category) => !isMultiTurnBfclCategory(category));
  const multiTurn = options.categories.filter(isMultiTurnBfclCategory);
  const { cases, sources } = loadBfclCases({ dataDir: options.dataDir, categories: singleTurn, ...limit });
  const entries = multiTurn.length > 0 ? loadMultiTurnEntries({ dataDir: options.dataDir, categories: multiTurn, ...limit }) : undefined;
  const modelName = options.modelName ?? bfclModelName(options.model.id);
  const total = cases.length + (entries?.entries.length ?? 0);
  // One progress line over both parts: single-turn cases first, then the multi-turn entries.
  let before: EvalProgress = { done: 0, total, cached: 0, passed: 0, failed: 0, errors: 0 };
  const progress = (progressOf: EvalProgress) =>
    options.onProgress?.({
      ...progressOf,
      done: before.done + progressOf.done,
      total,
      cached: before.cached + progressOf.cached,
      passed: before.passed + progressOf.passed,
      failed: before.failed + progressOf.failed,
      errors: before.errors + progressOf.errors,
    });

  const single = await runEvalSuite({ ...options, cases, checkArguments: bfclArgumentChecker(sources), onProgress: progress });
  before = { ...before, done: single.results.length, cached: single.cached, ...countStatuses(single.results) };
  const multi = entries
    ? await runMultiTurnSuite({
        entries,
        model: options.model,
        modelName,
        ...(options.router ? { router: options.router } : {}),
        ...(options.policy ? { policy: options.policy } : {}),
        ...(options.approver ? { approver: options.approver } : {}),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: progress,
      })
    : undefined;

  const resultDir = join(options.outDir, "result");
  const resultFiles = [
    ...(cases.length > 0 ? writeBfclResults({ resultDir, modelName, results: single.results }) : []),
    ...(multi ? writeMultiTurnResults({ resultDir, modelName, lines: multi.lines }) : []),
  ];
  const resultsDir = join(resultDir, modelName);
  const score = await scoreBfclResults({
    resultsDir,
    dataDir: options.dataDir,
    categories: options.categories,
    mode: "fc",
    partial: options.limit !== undefined,
    // Loaded only when there is something for it to check: single-turn runs stay independent of the multi-turn module.
    multiTurnChecker: multi ? undefined : null,
  });
  const results = [...single.results, ...(multi ? applyBfclVerdicts(multi.results, score) : [])];
  const now = options.now ?? (() => new Date());
  const run: EvalRun = multi
    ? { ...single, finishedAt: now().toISOString(), results, summary: summarizeResults(results), cached: single.cached + multi.cached }
    : single;
  return { run, score, resultsDir, resultFiles };
}

function countStatuses(results: EvalRun["results"]): Pick<EvalProgress, "passed" | "failed" | "errors"> {
  return {
    passed: results.filter((result) => result.status === "passed").length,
    failed: results.filter((result) => result.status === "failed").length,
    errors: results.filter((result) => result.status === "error").length,
  };
}
