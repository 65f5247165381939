// runEvalSuite: every case through the model and the gate, concurrently, resuming from the result cache, with progress.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunAgentOptions } from "../../agent/index.js";
import type { ModelAdapter } from "../../model/index.js";
import type { Approver, Policy } from "../../policy/index.js";
import type { RunSink } from "../../record/index.js";
import { digestOf } from "../../record/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import type { EvalCase } from "../cases/index.js";
import type { ArgumentChecker, CaseResult, EvalSummary } from "../scoring/index.js";
import { summarizeResults } from "../scoring/index.js";
import type { ResultCache } from "./result-cache.js";
import { openResultCache } from "./result-cache.js";
import { runCase } from "./run-case.js";
import type { EvalProgress } from "./eval-progress.js";
import { progressCounter } from "./eval-progress.js";

/** Bumped when scoring changes, so cached results scored the old way are not reused. */
const scoringVersion = 1;

export interface RunEvalSuiteOptions {
  cases: readonly EvalCase[];
  model: ModelAdapter;
  /** Narrows the tools per step (runAgent's `selectTools`); flat when absent. */
  router?: RunAgentOptions["selectTools"];
  /** Cases in flight at once. Default 4. */
  concurrency?: number;
  /** Where the resumable result cache lives; no cache when absent. */
  cacheDir?: string;
  onProgress?: (progress: EvalProgress) => void;
  /** The gate's policy and approver for every case; the gate's defaults (allow all, no approver) otherwise. */
  policy?: Policy;
  approver?: Approver;
  /** How arguments are checked against expected calls (e.g. BFCL's AST checker, `bfclArgumentChecker` in suites/bfcl). */
  checkArguments: ArgumentChecker;
  /** Where per-case databases go; a fresh temp directory by default. */
  workDir?: string;
  now?: () => Date;
  signal?: AbortSignal;
  /**
   * Per case run: a sink for the case's runs, given its tools, and a hook that hears the case's result once scored,
   * e.g. to record and capture eval runs and mark which passed. A cached result is reused only when the recorder says
   * it already holds that case's run (`alreadyRecorded`); otherwise the case runs again so that it is recorded.
   */
  recorder?: (testCase: EvalCase) => CaseRecorder;
}

interface CaseRecorder {
  sinkFor(registry: ToolRegistry): RunSink;
  /** Whether a run of this case by this model is already recorded (then a cached result may stand in for a new run). */
  alreadyRecorded?(modelId: string): Promise<boolean>;
  caseFinished?(result: CaseResult): void | Promise<void>;
}

export interface EvalRun {
  model: string;
  startedAt: string;
  finishedAt: string;
  /** In case order. */
  results: CaseResult[];
  summary: EvalSummary;
  /** How many results came from the cache. */
  cached: number;
}

export async function runEvalSuite(options: RunEvalSuiteOptions): Promise<EvalRun> {
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  const startedAt = now();
  const checkArguments = options.checkArguments;
  const cache: ResultCache | undefined = options.cacheDir ? openResultCache(options.cacheDir) : undefined;
  const ownWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), "toolgate-eval-"));
  mkdirSync(workDir, { recursive: true });
  const results = new Array<CaseResult>(options.cases.length);
  const { progress, finish } = progressCounter(options.cases.length, options.onProgress);

  let next = 0;
  const worker = async () => {
    while (next < options.cases.length) {
      if (options.signal?.aborted) return;
      const index = next++;
      const testCase = options.cases[index] as EvalCase;
      const key = { caseId: testCase.id, model: options.model.id, digest: caseDigest(testCase) };
      const recorder = options.recorder?.(testCase);
      const cachedResult = cache?.get(key);
      // Under a recorder, a cached answer stands only for a case whose run was recorded before: the rest run now.
      if (cachedResult && (recorder === undefined || (await recorder.alreadyRecorded?.(options.model.id)) === true)) {
        results[index] = cachedResult;
        finish(cachedResult, true);
        continue;
      }
      const result = await runCase(testCase, {
        model: options.model,
        selectTools: options.router,
        policy: options.policy,
        approver: options.approver,
        checkArguments,
        workDir,
        digest: key.digest,
        signal: options.signal,
        ...(recorder ? { sinkFor: (registry: ToolRegistry) => recorder.sinkFor(registry) } : {}),
      });
      await recorder?.caseFinished?.(result);
      // Errors (a model that was unreachable, an interrupted run) are retried on the next run, not remembered.
      if (result.status !== "error") cache?.put(key, result);
      results[index] = result;
      finish(result, false);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, options.cases.length)) }, worker));
  } finally {
    if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
  }
  const finished = results.filter((result): result is CaseResult => result !== undefined);
  return {
    model: options.model.id,
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
    results: finished,
    summary: summarizeResults(finished),
    cached: progress.cached,
  };
}

/** The cache key's digest: the case as validated (defaults applied) and the scoring version. */
function caseDigest(testCase: EvalCase): string {
  return digestOf({ case: testCase, scoringVersion });
}
