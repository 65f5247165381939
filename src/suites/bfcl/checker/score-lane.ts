// Scores a list of categories one after another, as one lane of a BFCL run: shared by scoreBfclResults and its worker thread.
import type { ResultMode } from "./decode/decoded-output.js";
import type { PyValue } from "../../python/py-value.js";
import { latenciesOf } from "./latency.js";
import type { MultiTurnChecker } from "./multi-turn-bridge.js";
import type { CategoryOutcome } from "./score-category.js";
import { loadResults, scoreCategory } from "./score-category.js";

/** What a lane needs besides its checker; plain data, so it can cross to a worker thread. */
export interface LaneRequest {
  /** Categories in the order BFCL evaluates them (multi-turn entries share state in that order). */
  categories: string[];
  /** Category → its result file. */
  resultFiles: Record<string, string>;
  dataDir: string;
  mode: ResultMode;
  underscoreToDot: boolean;
  partial: boolean;
}

export interface LaneCategory {
  category: string;
  outcome: CategoryOutcome;
  /** The result file's latencies (BFCL's latency columns cover every file it evaluated, scored or not). */
  latencies: number[];
}

export async function scoreLane(request: LaneRequest, multiTurnChecker: MultiTurnChecker | undefined): Promise<LaneCategory[]> {
  const scored: LaneCategory[] = [];
  for (const category of request.categories) {
    const resultFile = request.resultFiles[category] as string;
    const results = loadResults(resultFile);
    const outcome = await scoreCategory({
      results,
      category,
      resultFile,
      dataDir: request.dataDir,
      mode: request.mode,
      underscoreToDot: request.underscoreToDot,
      partial: request.partial,
      multiTurnChecker,
    });
    const latencies: number[] = [];
    // Plain JSON is enough here (a latency becomes a float either way), and a multi-turn line is never decoded otherwise.
    for (const line of results) latencies.push(...latenciesOf(line.json.latency as PyValue | undefined));
    scored.push({ category, outcome, latencies });
  }
  return scored;
}
