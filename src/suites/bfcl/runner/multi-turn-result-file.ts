// BFCL multi-turn result lines and files: per turn, per step, the model's calls exactly as it sent them, in BFCL's layout.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { groupFolderOf } from "../checker/index.js";

/** One step as BFCL's FC handlers record it: the calls `{name: "<JSON arguments>"}`, or the reply text of a step without calls. */
export type MultiTurnStep = Array<Record<string, string>> | string;

/** One line of `BFCL_v4_multi_turn_<x>_result.json`. */
export interface MultiTurnResultLine {
  id: string;
  /** Per turn, per step; or `Error during inference: …` when the model could not be run (BFCL scores that as an inference error). */
  result: MultiTurnStep[][] | string;
  /** Per turn, per step, as BFCL writes them; 0 for an inference error. */
  input_token_count: number[][] | number;
  output_token_count: number[][] | number;
  /** Seconds. */
  latency: number[][] | number;
}

export function inferenceErrorLine(id: string, message: string): MultiTurnResultLine {
  return { id, result: `Error during inference: ${message}`, input_token_count: 0, output_token_count: 0, latency: 0 };
}

/** Writes `<resultDir>/<model>/multi_turn/BFCL_v4_<category>_result.json` per category, lines in the order given. Returns the files. */
export function writeMultiTurnResults(options: { resultDir: string; modelName: string; lines: ReadonlyMap<string, readonly MultiTurnResultLine[]> }): string[] {
  const files: string[] = [];
  for (const [category, lines] of options.lines) {
    const dir = join(options.resultDir, options.modelName, groupFolderOf(category));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `BFCL_v4_${category}_result.json`);
    writeFileSync(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    files.push(file);
  }
  return files;
}
