// Writes BFCL-format result files from case results, so BFCL's own tooling and `toolgate eval score` can score them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { groupFolderOf } from "../checker/index.js";
import type { CaseResult } from "../../../eval/index.js";

/** One line of `BFCL_v4_<category>_result.json`, as BFCL's FC handlers write it. */
export interface BfclResultLine {
  id: string;
  /** The first response's calls, `{name: "<JSON arguments as the model sent them>"}`; `[]` for no call; error text if the run failed. */
  result: Array<Record<string, string>> | string;
  input_token_count: number;
  output_token_count: number;
  /** Seconds. */
  latency: number;
  /**
   * How the function names in `result` are spelt: `original` as the dataset names them (`math.factorial`), or
   * `underscored` with `.` replaced by `_` (BFCL's underscore_to_dot models). `toolgate eval score` reads it, so a
   * file is never scored under the other convention; BFCL's own tooling ignores the extra key.
   */
  function_names: FunctionNaming;
}

type FunctionNaming = "original" | "underscored";

export function bfclResultLine(result: CaseResult): BfclResultLine {
  const first = result.responses[0];
  if (result.status === "error" && !first) {
    // BFCL's handlers record an inference failure as text, which its checkers then count as a wrong answer.
    return { id: result.id, result: `Error during inference: ${result.error ?? "unknown error"}`, input_token_count: 0, output_token_count: 0, latency: 0, function_names: "original" };
  }
  return {
    id: result.id,
    result: (first?.calls ?? []).map((call) => ({ [call.name]: call.arguments })),
    input_token_count: first?.inputTokens ?? 0,
    output_token_count: first?.outputTokens ?? 0,
    latency: (first?.latencyMs ?? 0) / 1000,
    // toolgate calls tools by the names the cases give them and records those, never a provider-safe spelling.
    function_names: "original",
  };
}

/**
 * Writes `<resultDir>/<model>/<group>/BFCL_v4_<category>_result.json` per category (BFCL's own layout), one JSON line
 * per entry in case order. Returns the files written.
 */
export function writeBfclResults(options: { resultDir: string; modelName: string; results: readonly CaseResult[] }): string[] {
  const byCategory = new Map<string, CaseResult[]>();
  for (const result of options.results) byCategory.set(result.category, [...(byCategory.get(result.category) ?? []), result]);
  const files: string[] = [];
  for (const [category, results] of byCategory) {
    const dir = join(options.resultDir, options.modelName, groupFolderOf(category));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `BFCL_v4_${category}_result.json`);
    writeFileSync(file, results.map((result) => `${JSON.stringify(bfclResultLine(result))}\n`).join(""));
    files.push(file);
  }
  return files;
}
