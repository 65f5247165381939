// The JSON report of one evaluation run: what `eval run --json` prints, `--out` keeps, and `eval compare` reads.
import type { CaseResult, EvalSummary } from "../scoring/index.js";
import type { EvalRun } from "../run/index.js";

const evalReportKind = "toolgate.eval-report";

export interface EvalReport {
  kind: typeof evalReportKind;
  version: 1;
  /** What was run: a case file path, or `bfcl:<categories>`. */
  suite: string;
  model: string;
  startedAt: string;
  finishedAt: string;
  cached: number;
  summary: EvalSummary;
  results: CaseResult[];
  /**
   * For BFCL suites: the summary `toolgate eval score` prints for the written result files. Kept last, so the JSON
   * printed by `eval run --json` ends with the same object as `eval score --json`.
   */
  bfcl?: unknown;
}

export function buildEvalReport(run: EvalRun, options: { suite: string; bfcl?: unknown }): EvalReport {
  return {
    kind: evalReportKind,
    version: 1,
    suite: options.suite,
    model: run.model,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    cached: run.cached,
    summary: run.summary,
    results: run.results,
    ...(options.bfcl === undefined ? {} : { bfcl: options.bfcl }),
  };
}

export function isEvalReport(value: unknown): value is EvalReport {
  return value !== null && typeof value === "object" && (value as { kind?: unknown }).kind === evalReportKind;
}
