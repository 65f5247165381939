// BFCL multi-turn categories through the model and the gate: entries concurrently, resumable from the cache, with progress.
import type { RunAgentOptions } from "../../../agent/index.js";
import type { ModelAdapter } from "../../../model/index.js";
import type { Approver, Policy } from "../../../policy/index.js";
import { digestOf } from "../../../record/index.js";
import type { BfclLine } from "../checker/index.js";
import { BfclDataError, field, loadGroundTruth, loadQuestions } from "../checker/index.js";
import type { EvalProgress } from "../../../eval/index.js";
import { progressCounter } from "../../../eval/index.js";
import type { CaseResult } from "../../../eval/index.js";
import type { MultiTurnCache } from "./multi-turn-cache.js";
import { openMultiTurnCache } from "./multi-turn-cache.js";
import { maximumStepLimit, runMultiTurnEntry } from "./multi-turn-entry.js";
import type { MultiTurnFunctionDocs } from "./multi-turn-function-docs.js";
import { functionDocsFor, loadMultiTurnFunctionDocs } from "./multi-turn-function-docs.js";
import type { MultiTurnResultLine } from "./multi-turn-result-file.js";
import { judgeMultiTurnEntry, withJudgement } from "./multi-turn-verdicts.js";

/** Bumped when what an entry's run produces changes, so cached lines made the old way are not reused. */
const multiTurnRunnerVersion = 1;

export interface MultiTurnEntries {
  entries: Array<{ category: string; question: BfclLine; answer: BfclLine }>;
  docs: MultiTurnFunctionDocs;
}

/** `limit`: only the first n questions of each category, in BFCL's file order. */
export function loadMultiTurnEntries(options: { dataDir: string; categories: readonly string[]; limit?: number }): MultiTurnEntries {
  const docs = loadMultiTurnFunctionDocs(options.dataDir);
  const entries: MultiTurnEntries["entries"] = [];
  for (const category of options.categories) {
    const questions = loadQuestions(options.dataDir, category);
    const answers = loadGroundTruth(options.dataDir, category);
    const count = Math.min(questions.length, options.limit ?? questions.length);
    for (let index = 0; index < count; index++) {
      const question = questions[index] as BfclLine;
      const answer = answers[index];
      if (answer?.id !== question.id) {
        throw new BfclDataError(`${category}: question ${question.id} has no possible answer in the same position; use an unmodified BFCL data directory`);
      }
      entries.push({ category, question, answer });
    }
  }
  return { entries, docs };
}

export interface RunMultiTurnSuiteOptions {
  entries: MultiTurnEntries;
  model: ModelAdapter;
  /** The `<model>` folder of the result files. */
  modelName: string;
  router?: RunAgentOptions["selectTools"];
  policy?: Policy;
  approver?: Approver;
  /** Entries in flight at once. Default 4. */
  concurrency?: number;
  cacheDir?: string;
  onProgress?: (progress: EvalProgress) => void;
  signal?: AbortSignal;
}

export interface MultiTurnSuiteRun {
  /** Per entry, in entry order; each judged on its own (see applyBfclVerdicts for the run's verdicts). */
  results: CaseResult[];
  /** Per category, the result lines in entry order. */
  lines: Map<string, MultiTurnResultLine[]>;
  cached: number;
}

export async function runMultiTurnSuite(options: RunMultiTurnSuiteOptions): Promise<MultiTurnSuiteRun> {
  const { entries, docs } = options.entries;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  const cache: MultiTurnCache | undefined = options.cacheDir ? openMultiTurnCache(options.cacheDir) : undefined;
  const runs = new Array<{ line: MultiTurnResultLine; result: CaseResult } | undefined>(entries.length);
  const { progress, finish } = progressCounter(entries.length, options.onProgress);

  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      if (options.signal?.aborted) return;
      const index = next++;
      const { category, question, answer } = entries[index] as MultiTurnEntries["entries"][number];
      const involved = field(question, "involved_classes");
      const key = {
        caseId: question.id,
        model: options.model.id,
        digest: digestOf({ question: question.text, functions: functionDocsFor(docs, Array.isArray(involved) ? (involved as string[]) : [], question.id), maximumStepLimit, multiTurnRunnerVersion }),
      };
      const cachedEntry = cache?.get(key);
      if (cachedEntry) {
        const result = withJudgement(cachedEntry.result, judgeMultiTurnEntry(cachedEntry.line, question, answer));
        runs[index] = { line: cachedEntry.line, result };
        finish(result, true);
        continue;
      }
      const run = await runMultiTurnEntry({
        question,
        category,
        docs,
        model: options.model,
        modelName: options.modelName,
        digest: key.digest,
        ...(options.router ? { router: options.router } : {}),
        ...(options.policy ? { policy: options.policy } : {}),
        ...(options.approver ? { approver: options.approver } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // Errors (an unreachable model, an interrupted run) are run again next time, not remembered.
      if (run.result.status !== "error") cache?.put(key, { line: run.line, result: run.result });
      const result = run.result.status === "error" ? run.result : withJudgement(run.result, judgeMultiTurnEntry(run.line, question, answer));
      runs[index] = { line: run.line, result };
      finish(result, false);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, entries.length)) }, worker));

  const results: CaseResult[] = [];
  const lines = new Map<string, MultiTurnResultLine[]>();
  runs.forEach((run, index) => {
    if (!run) return;
    const { category } = entries[index] as MultiTurnEntries["entries"][number];
    results.push(run.result);
    lines.set(category, [...(lines.get(category) ?? []), run.line]);
  });
  return { results, lines, cached: progress.cached };
}
