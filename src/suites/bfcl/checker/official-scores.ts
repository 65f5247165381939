// Reads BFCL's own score files (`BFCL_v4_<category>_score.json`) so a run can be compared with the official verdicts.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { BfclDataError } from "./errors.js";

export interface OfficialCategoryScore {
  accuracy: number;
  correct: number;
  total: number;
  /** The failed entries in file order; agentic and multi-turn files keep the type inside `error`. */
  failed: Array<{ id: string; error_type: string }>;
}

/** Line 1 is `{accuracy, correct_count, total_count}`; every further line is one failed entry. */
export function readOfficialScoreFile(path: string): OfficialCategoryScore {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const header = lines[0];
  if (!header || typeof header.accuracy !== "number") throw new BfclDataError(`${path} does not start with an {accuracy, correct_count, total_count} line`);
  return {
    accuracy: header.accuracy,
    correct: Number(header.correct_count),
    total: Number(header.total_count),
    failed: lines.slice(1).map((line) => {
      const error = line.error as { error_type?: unknown } | undefined;
      const type = line.error_type ?? (error && !Array.isArray(error) ? error.error_type : undefined);
      return { id: String(line.id), error_type: String(type) };
    }),
  };
}

/** Every score file under a score folder, by category. */
export function readOfficialScores(scoreDir: string): Record<string, OfficialCategoryScore> {
  const scores: Record<string, OfficialCategoryScore> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const match = /^BFCL_v4_(\w+?)_score\.json$/.exec(name);
        if (match) scores[match[1] as string] = readOfficialScoreFile(path);
      }
    }
  };
  if (!existsSync(scoreDir)) throw new BfclDataError(`score directory ${scoreDir} does not exist`);
  walk(scoreDir);
  return scores;
}
