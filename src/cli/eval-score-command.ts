// `toolgate eval score --bfcl <results> --data <bfcl data>`: BFCL-compatible scores per category, failed ids and leaderboard groups.
import { resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { BfclScoreReport, CategoryScore, ResultMode } from "../suites/bfcl/checker/index.js";
import type * as BfclCheckerModule from "../suites/bfcl/checker/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { importCurrentBundle } from "./current-bundle.js";
import { declaredNamings, underscoreToDotFor } from "./result-naming.js";

interface ScoreOptions {
  bfcl: string;
  data: string;
  underscoreToDot?: boolean;
  json?: boolean;
  verbose?: boolean;
  categories?: string[];
  partial?: boolean;
  mode: ResultMode;
}

const shownFailures = 3;

/** The BFCL checker, loaded when a command scores: `toolgate eval score` loads it and nothing heavier. */
export type BfclChecker = typeof BfclCheckerModule;
/** The checker bundled by `npm run build` (scripts/bundle-bfcl-checker.ts): the same code in five files instead of ~90. */
const checkerBundle = new URL("../bundles/bfcl-checker/index.js", import.meta.url);
/** The bundle while it matches the built modules, else the modules themselves (running from sources, or a tsc-only build). */
export const loadBfclChecker = async (): Promise<BfclChecker> => ((await importCurrentBundle(checkerBundle)) as BfclChecker | undefined) ?? import("../suites/bfcl/checker/index.js");

export function registerEvalScoreCommand(evalCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  evalCommand
    .command("score")
    .description("score BFCL result files exactly as the official BFCL evaluator does: accuracy and failed ids per category, then the leaderboard groups")
    .requiredOption("--bfcl <dir>", "BFCL results of one model: result/<model>/ (or result/ holding one model)")
    .requiredOption("--data <dir>", "BFCL's data folder: BFCL_v4_<category>.json question files and possible_answer/")
    .option("--underscore-to-dot", "the model saw function names with `.` replaced by `_` (BFCL's underscore_to_dot model setting); result files that declare their naming (function_names, as eval run writes) decide it themselves")
    .option("--categories <list>", "only these categories, comma-separated (default: every category with results)", commaList)
    .option("--partial", "score only the entries present in each result file (BFCL's --partial-eval)")
    .option("--mode <mode>", "how results were produced: fc, prompting, or auto (a result file holding only plain strings is prompt-mode text)", resultMode, "auto")
    .option("--verbose", "list every failed id with its error type and message")
    .option("--json", "print one JSON object {categories, groups} as the last line (nothing else on stdout)")
    .action(async (options: ScoreOptions) => {
      done(await score(options, io));
    });
}

/**
 * V8's interrupt budget raised 16× (67,584 → 1,081,344 bytecode bytes) for this process: a function is then
 * optimised by TurboFan only after 16× more work in the interpreter and baseline code. Scoring runs thousands of small
 * functions for about a second; profiled per thread (/proc/self/task), TurboFan's background compile jobs took ~1.2 s
 * of CPU — more than the optimised code gave back in so short a run — and this setting cut the process's CPU by ~25%
 * with the same verdicts. A flag of the tiering heuristics only, so it is safe to set after start-up; it applies to the
 * isolates started later too (the scoring worker). Only when this invocation is the process's own command (its stdout
 * is the process's): main() driven in-process by a test or a library leaves the host's engine settings alone.
 */
const scoringInterruptBudget = 1_081_344;
function tuneTieringForOneRun(io: CliIo): void {
  if (io.stdout === process.stdout) setFlagsFromString(`--interrupt-budget=${scoringInterruptBudget}`);
}

async function score(options: ScoreOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  tuneTieringForOneRun(io);
  const checker = await loadBfclChecker();
  const resultsDir = resolve(cwd, options.bfcl);
  // Files that say how their names are spelt decide it; the flag only speaks for files that do not.
  const underscoreToDot = underscoreToDotFor(await declaredNamings(resultsDir), options.underscoreToDot ?? false);
  let report: BfclScoreReport;
  try {
    report = await checker.scoreBfclResults({
      resultsDir,
      dataDir: resolve(cwd, options.data),
      underscoreToDot,
      categories: options.categories,
      partial: options.partial ?? false,
      mode: options.mode,
      // Both cores: the multi-turn simulation in a worker thread beside the single-turn checks.
      parallel: true,
    });
  } catch (error) {
    throw error instanceof checker.BfclDataError ? usageError(error.message, error) : error;
  }
  if (options.json) {
    // The table says which categories were not scored; JSON output names them on stderr instead.
    for (const [category, reason] of Object.entries(report.notScored)) writeLine(io.stderr, `toolgate: ${category} not scored: ${reason}`);
    const categories = Object.fromEntries(
      Object.entries(report.categories).map(([category, scored]) => [
        category,
        { accuracy: scored.accuracy, correct: scored.correct, total: scored.total, failed: scored.failed.map(({ id, error_type }) => ({ id, error_type })) },
      ]),
    );
    writeLine(io.stdout, JSON.stringify({ categories, groups: report.groups }));
    return 0;
  }
  writeLine(io.stdout, formatReport(report, options.verbose ?? false, checker));
  return 0;
}

const groupLabels: Record<keyof BfclScoreReport["groups"], string> = {
  non_live: "Non-live",
  live: "Live",
  irrelevance: "Irrelevance",
  multi_turn: "Multi-turn",
  agentic: "Agentic",
  overall: "Overall",
};

/** The terminal report: a category table (failed ids abbreviated unless verbose), then the groups. */
export function formatReport(report: BfclScoreReport, verbose: boolean, { bfclCategoryOrder, formatAccuracy }: Pick<BfclChecker, "bfclCategoryOrder" | "formatAccuracy">): string {
  const lines: string[] = [`BFCL scores for ${report.model}`, ""];
  const rows = Object.entries(report.categories).map(([category, scored]) => [category, formatAccuracy(scored.accuracy), `${scored.correct}/${scored.total}`, failedSummary(scored, verbose)]);
  lines.push(...table(["category", "accuracy", "correct", "failed"], rows, [false, true, true, false]));
  for (const [category, reason] of Object.entries(report.notScored)) lines.push(`${category}: not scored (${reason})`);
  if (verbose) {
    for (const [category, scored] of Object.entries(report.categories)) {
      if (scored.failed.length === 0) continue;
      lines.push("", `${category}: ${scored.failed.length} failed`);
      for (const failure of scored.failed) lines.push(`  ${failure.id}  ${failure.error_type}${failure.message ? `  ${failure.message}` : ""}`);
    }
  }
  const groups = Object.entries(report.groups).map(([group, accuracy]) => [groupLabels[group as keyof typeof groupLabels], accuracy === null ? "N/A" : formatAccuracy(accuracy)]);
  lines.push("", ...table(["group", "accuracy"], groups, [false, true]));
  const unscored = bfclCategoryOrder.filter((category) => category !== "format_sensitivity" && !report.categories[category]);
  if (unscored.length > 0) lines.push("", `Categories without a score count as 0 in the groups, as on BFCL's leaderboard: ${unscored.join(", ")}.`);
  return lines.join("\n");
}

function failedSummary(scored: CategoryScore, verbose: boolean): string {
  if (scored.failed.length === 0) return "-";
  if (verbose) return `${scored.failed.length} (listed below)`;
  const shown = scored.failed.slice(0, shownFailures).map((failure) => `${failure.id} ${failure.error_type}`);
  const more = scored.failed.length - shownFailures;
  return shown.join(", ") + (more > 0 ? `, … +${more} more (--verbose lists all)` : "");
}

function table(header: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => {
        if (column === cells.length - 1 && !rightAligned[column]) return cell;
        return rightAligned[column] ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number);
      })
      .join("  ")
      .trimEnd();
  return [format(header), ...rows.map(format)];
}

function commaList(value: string): string[] {
  const items = value.split(",").map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError("give category names, e.g. --categories simple_python,live_simple");
  return items;
}

function resultMode(value: string): ResultMode {
  if (value === "auto" || value === "fc" || value === "prompting") return value;
  throw new InvalidArgumentError("takes fc, prompting or auto, e.g. --mode fc");
}
