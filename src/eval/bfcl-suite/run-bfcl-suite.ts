// A BFCL suite end to end: questions through the model and the gate, BFCL-format result files, then BFCL's own scoring of them.
import { join } from "node:path";
import type { BfclScoreReport } from "../bfcl/index.js";
import { scoreBfclResults } from "../bfcl/index.js";
import type { EvalRun, RunEvalSuiteOptions } from "../run/index.js";
import { runEvalSuite } from "../run/index.js";
import { bfclArgumentChecker } from "../scoring/index.js";
import { bfclModelName } from "./bfcl-model-name.js";
import { loadBfclCases } from "./load-bfcl-cases.js";
import { writeBfclResults } from "./write-bfcl-results.js";

export interface RunBfclSuiteOptions extends Omit<RunEvalSuiteOptions, "cases" | "checkArguments"> {
  /** BFCL's data folder: `BFCL_v4_<category>.json` and `possible_answer/`. */
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
  const { cases, sources } = loadBfclCases({ dataDir: options.dataDir, categories: options.categories, ...(options.limit === undefined ? {} : { limit: options.limit }) });
  const run = await runEvalSuite({ ...options, cases, checkArguments: bfclArgumentChecker(sources) });
  const modelName = options.modelName ?? bfclModelName(options.model.id);
  const resultFiles = writeBfclResults({ resultDir: join(options.outDir, "result"), modelName, results: run.results });
  const resultsDir = join(options.outDir, "result", modelName);
  const score = await scoreBfclResults({
    resultsDir,
    dataDir: options.dataDir,
    categories: options.categories,
    mode: "fc",
    partial: options.limit !== undefined,
    multiTurnChecker: null,
  });
  return { run, score, resultsDir, resultFiles };
}
