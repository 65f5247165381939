// Scores one category's result file: pairs results with questions and answers as BFCL does, then judges every entry.
import type { CheckResult } from "./ast/check-result.js";
import { compareSortKeys, languageOf, runnerOf, sortKeyOf } from "./categories.js";
import type { ResultMode } from "./decode/decoded-output.js";
import { checkAgenticEntry } from "./entry/check-agentic-entry.js";
import { checkAstEntry, UnsupportedResultError } from "./entry/check-ast-entry.js";
import { checkRelevanceEntry } from "./entry/check-relevance-entry.js";
import { BfclCheckerCrash, BfclDataError, checkerCrashErrorType } from "./errors.js";
import type { BfclLine } from "./load-data.js";
import { field, loadGroundTruth, loadQuestions, readJsonLines } from "./load-data.js";
import type { MultiTurnChecker } from "./multi-turn-bridge.js";
import { multiTurnQuestion } from "./multi-turn-question.js";

export interface FailedEntry {
  id: string;
  /** BFCL's error type, e.g. `simple_function_checker:missing_required`. */
  error_type: string;
  message?: string;
}

export interface CategoryScore {
  accuracy: number;
  correct: number;
  total: number;
  failed: FailedEntry[];
}

export type CategoryOutcome = { scored: true; score: CategoryScore } | { scored: false; reason: string };

export interface ScoreCategoryOptions {
  category: string;
  resultFile: string;
  dataDir: string;
  mode: ResultMode;
  underscoreToDot: boolean;
  /** Score only the entries present in the result file (BFCL's --partial-eval) instead of requiring all of them. */
  partial: boolean;
  multiTurnChecker?: MultiTurnChecker;
  /** The result file's lines in BFCL's order, if already read (see {@link loadResults}). */
  results?: BfclLine[];
}

/** The category's result lines in BFCL's order (it sorts results by id before pairing them by position). */
export function loadResults(resultFile: string): BfclLine[] {
  return readJsonLines(resultFile)
    .map((line) => ({ line, key: sortKeyOf(line.id) }))
    .sort((a, b) => compareSortKeys(a.key, b.key))
    .map(({ line }) => line);
}

export async function scoreCategory(options: ScoreCategoryOptions): Promise<CategoryOutcome> {
  const { category } = options;
  const runner = runnerOf(category);
  // Deliberately refused, not approximated: it needs BFCL's 26 prompt/return formats and their parsers, and the shared
  // reference results hold no format-sensitivity verdicts to prove parity against (FC models report N/A there).
  if (runner === "format_sensitivity") return { scored: false, reason: "format-sensitivity scoring (26 prompt formats, XML/JSON return parsers) is not implemented" };
  if (runner === "multi_turn" && !options.multiTurnChecker) return { scored: false, reason: "the multi-turn checker is not available in this build" };

  const results = options.results ?? loadResults(options.resultFile);
  const pairs = pairEntries(options, results, runner === "relevance");
  const judged = runner === "ast" || runner === "relevance" ? { ...options, mode: fileMode(results, options.mode) } : options;
  const failed: FailedEntry[] = [];
  try {
    for (const pair of pairs) {
      const verdict = await judge(judged, runner, pair);
      if (!verdict.valid) failed.push(verdict.message ? { id: pair.result.id, error_type: verdict.errorType, message: verdict.message } : { id: pair.result.id, error_type: verdict.errorType });
    }
  } catch (error) {
    if (error instanceof UnsupportedResultError) return { scored: false, reason: error.message };
    throw error;
  }
  const total = pairs.length;
  const correct = total - failed.length;
  return { scored: true, score: { accuracy: total === 0 ? 0 : correct / total, correct, total, failed } };
}

interface EntryPair {
  result: BfclLine;
  question: BfclLine;
  answer?: BfclLine;
}

function pairEntries(options: ScoreCategoryOptions, results: BfclLine[], withoutAnswers: boolean): EntryPair[] {
  let questions = loadQuestions(options.dataDir, options.category);
  let answers = withoutAnswers ? undefined : loadGroundTruth(options.dataDir, options.category);
  if (answers && answers.length !== questions.length) {
    throw new BfclDataError(`${options.category}: ${questions.length} questions but ${answers.length} possible answers; use an unmodified BFCL data directory`);
  }
  if (options.partial) {
    const present = new Set(results.map((line) => line.id));
    const keep = questions.map((question) => present.has(question.id));
    questions = questions.filter((_, i) => keep[i]);
    answers = answers?.filter((_, i) => keep[i]);
  } else if (results.length !== questions.length) {
    throw new BfclDataError(
      `${options.resultFile} has ${results.length} entries but ${options.category} has ${questions.length}: generate the missing entries, or pass --partial to score only the ones present`,
    );
  }
  return results.map((result, i) => {
    const question = questions[i];
    // BFCL pairs by position without looking; a mismatch means duplicated or foreign ids, which would silently mis-score.
    if (!question || question.id !== result.id) {
      throw new BfclDataError(`${options.resultFile}: entry ${result.id} has no question of that id in position ${i}; remove duplicated or foreign entries`);
    }
    return { result, question, answer: answers?.[i] };
  });
}

type Verdict = { valid: true } | { valid: false; errorType: string; message?: string };

async function judge(options: ScoreCategoryOptions, runner: string, pair: EntryPair): Promise<Verdict> {
  if (runner === "multi_turn") {
    const modelResult = pair.result.json.result;
    const verdict = await (options.multiTurnChecker as MultiTurnChecker)(
      {
        id: pair.result.id,
        category: options.category,
        // Python-rules values (the checker needs a config's `10.0` to stay a float), of the fields the checker reads.
        question: multiTurnQuestion(pair.question),
        possibleAnswer: (pair.answer as BfclLine).json.ground_truth,
        modelResult,
      },
      { stepFormat: multiTurnStepFormat(modelResult, options.mode), details: false },
    );
    if (verdict.valid) return { valid: true };
    return { valid: false, errorType: verdict.errorType ?? "multi_turn:unknown", message: verdict.message };
  }
  let result: CheckResult;
  try {
    result = checkOne(options, runner, pair);
  } catch (error) {
    if (error instanceof BfclCheckerCrash) return { valid: false, errorType: checkerCrashErrorType, message: error.message };
    throw error;
  }
  return result.valid ? result : { valid: false, errorType: result.errorType, message: result.errors.join(" ") || undefined };
}

/**
 * In auto mode a single-turn file whose results are all plain strings came from a prompt-mode model; otherwise it is
 * FC output, and a plain-string result in it is a text reply (OpenAI-style FC handlers store text replies that way).
 */
function fileMode(results: BfclLine[], mode: ResultMode): ResultMode {
  if (mode !== "auto") return mode;
  const allText = results.length > 0 && results.every((line) => typeof line.value.get("result") === "string");
  return allText ? "prompting" : "fc";
}

/** In auto mode an entry whose steps are all plain strings came from a prompt-mode model; anything else is FC. */
function multiTurnStepFormat(modelResult: unknown, mode: ResultMode): "fc" | "prompt" {
  if (mode !== "auto") return mode === "fc" ? "fc" : "prompt";
  const steps = Array.isArray(modelResult) ? modelResult.flatMap((turn) => (Array.isArray(turn) ? turn : [])) : [];
  return steps.length > 0 && steps.every((step) => typeof step === "string") ? "prompt" : "fc";
}

function checkOne(options: ScoreCategoryOptions, runner: string, pair: EntryPair): CheckResult {
  const modelResult = field(pair.result, "result");
  if (runner === "relevance") return checkRelevanceEntry(modelResult, options.category, options.mode);
  const groundTruth = field(pair.answer as BfclLine, "ground_truth");
  if (runner === "agentic") return checkAgenticEntry(modelResult, groundTruth, options.mode);
  return checkAstEntry({
    result: modelResult,
    functions: field(pair.question, "function"),
    groundTruth,
    category: options.category,
    language: languageOf(options.category),
    mode: options.mode,
    underscoreToDot: options.underscoreToDot,
  });
}
