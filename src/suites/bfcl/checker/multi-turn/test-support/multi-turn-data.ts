// Loads the shared BFCL multi-turn data for tests: questions as raw lines, answers, glyphh-ada-1.1's results and official scores.
import { readFileSync } from "node:fs";
import { sharedPath } from "../../../../../test-support/shared-data.js";

export const MULTI_TURN_CATEGORIES = ["base", "miss_func", "miss_param", "long_context"] as const;
export type MultiTurnCategory = (typeof MULTI_TURN_CATEGORIES)[number];

/**
 * The order the official evaluation ran the categories in. Its score files show miss_param
 * first: its early tweets print `"mentions": []`, and every tweet in the other categories
 * already carries the "VehicleGuru" a miss_param entry put into post_tweet's shared default.
 */
export const REFERENCE_CATEGORY_ORDER: readonly MultiTurnCategory[] = ["miss_param", "base", "miss_func", "long_context"];

export const RESULTS_MODEL = "glyphh-ada-1.1";

export interface MultiTurnEntry {
  id: string;
  category: string;
  /** The question's JSON line, untouched. */
  question: string;
  groundTruth: string[][];
  modelResult: unknown;
}

interface OfficialFailure {
  errorType: string;
  errorMessage: string;
  /** Per-turn execution results the official checker printed (state and empty-turn failures). */
  executionResult?: { model: string[][]; ground_truth: string[] }[];
  missingItems?: string[];
  modelResponseSoFar?: string[];
  groundTruthResponse?: string[];
}

export interface OfficialScores {
  accuracy: number;
  correctCount: number;
  totalCount: number;
  failures: Map<string, OfficialFailure>;
}

function jsonLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

const entryNumber = (id: string): number => Number(id.slice(id.lastIndexOf("_") + 1));

/** The category's entries in id order, as the reference evaluates them. */
export function loadMultiTurnEntries(category: MultiTurnCategory): MultiTurnEntry[] {
  const questions = new Map(jsonLines(sharedPath("data", "bfcl", `BFCL_v4_multi_turn_${category}.json`)).map((line) => [JSON.parse(line).id as string, line]));
  const answers = new Map(
    jsonLines(sharedPath("data", "bfcl", "possible_answer", `BFCL_v4_multi_turn_${category}.json`)).map((line) => {
      const answer = JSON.parse(line) as { id: string; ground_truth: string[][] };
      return [answer.id, answer.ground_truth];
    }),
  );
  const resultFile = sharedPath("data", "bfcl-results", RESULTS_MODEL, "result", RESULTS_MODEL, "multi_turn", `BFCL_v4_multi_turn_${category}_result.json`);
  const results = jsonLines(resultFile).map((line) => JSON.parse(line) as { id: string; result: unknown });
  results.sort((a, b) => entryNumber(a.id) - entryNumber(b.id));
  return results.map((result) => ({
    id: result.id,
    category: `multi_turn_${category}`,
    question: questions.get(result.id) as string,
    groundTruth: answers.get(result.id) as string[][],
    modelResult: result.result,
  }));
}

/** Every question of the category with its ground truth (no model results needed). */
export function loadGroundTruthEntries(category: MultiTurnCategory): Omit<MultiTurnEntry, "modelResult">[] {
  const answers = new Map(
    jsonLines(sharedPath("data", "bfcl", "possible_answer", `BFCL_v4_multi_turn_${category}.json`)).map((line) => {
      const answer = JSON.parse(line) as { id: string; ground_truth: string[][] };
      return [answer.id, answer.ground_truth];
    }),
  );
  return jsonLines(sharedPath("data", "bfcl", `BFCL_v4_multi_turn_${category}.json`)).map((line) => {
    const id = JSON.parse(line).id as string;
    return { id, category: `multi_turn_${category}`, question: line, groundTruth: answers.get(id) as string[][] };
  });
}

/** The official score file: header counts and the failed entries with what the official checker printed. */
export function loadOfficialScores(category: MultiTurnCategory): OfficialScores {
  const [header, ...failed] = jsonLines(sharedPath("data", "bfcl-results", RESULTS_MODEL, "score", RESULTS_MODEL, "multi_turn", `BFCL_v4_multi_turn_${category}_score.json`));
  const counts = JSON.parse(header as string) as { accuracy: number; correct_count: number; total_count: number };
  const failures = new Map<string, OfficialFailure>();
  for (const line of failed) {
    const entry = JSON.parse(line) as { id: string; error: Record<string, unknown> };
    const error = entry.error;
    const details = (error.details ?? {}) as Record<string, unknown>;
    failures.set(entry.id, {
      errorType: error.error_type as string,
      errorMessage: error.error_message as string,
      executionResult: (error.execution_result ?? details.execution_result) as OfficialFailure["executionResult"],
      missingItems: details.missing_items as string[] | undefined,
      modelResponseSoFar: details["model_response (including all previous turns)"] as string[] | undefined,
      groundTruthResponse: details["ground_truth_response (only the current turn)"] as string[] | undefined,
    });
  }
  return { accuracy: counts.accuracy, correctCount: counts.correct_count, totalCount: counts.total_count, failures };
}
