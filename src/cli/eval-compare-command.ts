// `toolgate eval compare <a.json> <b.json>`: per-category deltas with 95% Wilson intervals and a significance flag; --min gates CI.
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { ComparableRun, Threshold } from "../eval/index.js";
import { checkThresholds, compareRuns, ComparisonInputError, formatComparison, formatThresholdMiss, overallCategory, parseThreshold, ThresholdError, toComparableRun } from "../eval/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface CompareOptions {
  json?: boolean;
  min: string[];
}

export const comparableMetrics = ["decision", "arguments", "effects", "passed", "accuracy"] as const;

export function registerEvalCompareCommand(evalCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  evalCommand
    .command("compare")
    .description("compare two evaluation runs (before/after fine-tuning, flat vs routed): per-category deltas with 95% Wilson intervals and a significance test")
    .argument("<a>", "the baseline: JSON from `toolgate eval run --json` (or an --out directory's report.json) or `toolgate eval score --json`")
    .argument("<b>", "the candidate, in either form")
    .option("--json", "print the comparison as JSON (nothing else on stdout)")
    .option("--min <metric=value>", `exit 1 if the candidate B is below it; metrics: ${comparableMetrics.join(", ")}; prefix a category to scope it (simple_python.accuracy=0.9); repeatable`, collect, [])
    .action((a: string, b: string, options: CompareOptions) => {
      done(compare(a, b, options, io));
    });
}

function compare(a: string, b: string, options: CompareOptions, io: CliIo): number {
  const thresholds = parseThresholds(options.min);
  const cwd = io.cwd ?? process.cwd();
  const runA = readRun(resolve(cwd, a), a);
  const runB = readRun(resolve(cwd, b), b);
  const comparison = compareRuns(runA, runB);
  if (comparison.rows.length === 0) {
    throw usageError(`${a} and ${b} have no category and metric in common; compare runs of the same suite`);
  }
  if (options.json) writeLine(io.stdout, JSON.stringify(comparison, null, 2));
  else writeLine(io.stdout, formatComparison(comparison));
  const misses = checkThresholds(thresholds, (category, metric) => {
    const counts = runB.categories[category ?? overallCategory]?.[metric];
    return counts ? { ...counts, rate: counts.total > 0 ? counts.correct / counts.total : null } : undefined;
  });
  for (const miss of misses) writeLine(io.stderr, `toolgate: below threshold: ${formatThresholdMiss(miss)} (in ${b})`);
  return misses.length > 0 ? 1 : 0;
}

export function parseThresholds(values: readonly string[], metrics: readonly string[] = comparableMetrics): Threshold[] {
  try {
    return values.map((value) => parseThreshold(value, metrics));
  } catch (error) {
    throw error instanceof ThresholdError ? usageError(error.message, error) : error;
  }
}

function readRun(path: string, shown: string): ComparableRun {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, "report.json");
  } catch {
    throw usageError(`${shown}: no such file; pass the JSON written by \`toolgate eval run --json\` (or --out <dir>/report.json) or \`toolgate eval score --json\``);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw usageError(`${shown}: cannot read it as JSON (${(error as Error).message}); save the output of \`toolgate eval run --json > run.json\``, error);
  }
  try {
    return toComparableRun(parsed, shown);
  } catch (error) {
    throw error instanceof ComparisonInputError ? usageError(error.message, error) : error;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
