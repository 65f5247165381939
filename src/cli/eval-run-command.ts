// `toolgate eval run`: a case file or BFCL categories through the model and the gate; table, JSON, HTML and JUnit reports; --min for CI.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { BfclScoreReport } from "../suites/bfcl/checker/index.js";
import { BfclDataError, bfclCategoryOrder, formatAccuracy } from "../suites/bfcl/checker/index.js";
import { bfclArgumentChecker, bfclScoreSummary, BfclSuiteError, isMultiTurnBfclCategory, parseBfclSuite, runBfclSuite } from "../suites/bfcl/runner/index.js";
import type { EvalCase, EvalReport, EvalRun, RunEvalSuiteOptions, MetricName, Proportion } from "../eval/index.js";
import { CaseFileError, loadCaseFile, checkThresholds, formatThresholdMiss, overallCategory, buildEvalReport, createProgressReporter, formatErrorCounts, formatFailures, formatSummaryTable, renderHtmlReport, renderJunitXml, runEvalSuite } from "../eval/index.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { parseThresholds } from "./eval-compare-command.js";
import { formatReport as formatBfclScore } from "./eval-score-command.js";
import { resolveDataDir, routerFor } from "../runtime/index.js";
import { loadCliModel } from "./cli-runtime.js";
import { flagLabel } from "./flag-label.js";
import type { RouterFlags } from "./router-option.js";
import { addRouterOptions, routerSetting } from "./router-option.js";

interface EvalRunOptions extends RouterFlags {
  suite?: string;
  data?: string;
  model?: string;
  concurrency: number;
  out?: string;
  limit?: number;
  cache: boolean;
  json?: boolean;
  html?: string;
  junit?: string;
  min: string[];
  threads?: number;
  capture?: string;
  audit?: string;
}

export const runMetrics = ["decision", "arguments", "effects", "passed", "accuracy"] as const;

export function registerEvalRunCommand(evalCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  const command = evalCommand
    .command("run")
    .description("run a case file or BFCL categories through the model and the gate, and score decisions, arguments and effects")
    .argument("[cases]", "a case file: .yaml, .yml, .json or .jsonl")
    .option("--suite <suite>", "bfcl:<category>[,<category>…] instead of a case file (needs --data)")
    .option("--data <dir>", "the BFCL data directory (BFCL_v4_<category>.json, possible_answer/ and, for multi-turn, multi_turn_func_doc/)")
    .option("--model <spec>", "model to evaluate (default: $TOOLGATE_MODEL, else the embedded default)")
    .option("--concurrency <n>", "cases in flight at once", positiveInteger("--concurrency"), 4)
    .option("--out <dir>", "where result files, the resumable cache and report.json go (default: <data dir>/eval)")
    .option("--limit <n>", "only the first n cases (per category for BFCL suites)", positiveInteger("--limit"))
    .option("--no-cache", "run every case again, ignoring and not writing the result cache")
    .option("--json", "print the report as JSON (nothing else on stdout)")
    .option("--html <file>", "also write a self-contained HTML report")
    .option("--junit <file>", "also write JUnit XML, one testcase per case")
    .option("--min <metric=value>", `exit 1 if a rate is below it; metrics: ${runMetrics.join(", ")}; prefix a category to scope it (simple_python.arguments=0.9); repeatable`, collect, [])
    .option("--threads <n>", "CPU threads for an embedded llama model", positiveInteger("--threads"))
    .option("--capture <url>", "keep each case run's content (sensitive values masked) in this store, marked with its case and whether it passed, for `dataset import --format trace --eval-passed`; needs --audit")
    .option("--audit <url>", "record each case run to this audit trail (needed with --capture)");
  addRouterOptions(command).action(async (casesFile: string | undefined, options: EvalRunOptions) => {
    done(await evalRun(casesFile, options, io));
  });
}

async function evalRun(casesFile: string | undefined, options: EvalRunOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const thresholds = parseThresholds(options.min, runMetrics);
  if ((casesFile === undefined) === (options.suite === undefined)) {
    throw usageError("give a case file or --suite bfcl:<category>[,…], not both or neither (e.g. toolgate eval run cases.yaml --model …)");
  }
  const suiteName = options.suite ?? casesFile ?? "";
  const categories = options.suite === undefined ? undefined : bfclCategories(options.suite);
  if (categories && options.data === undefined) {
    throw usageError(`--suite ${options.suite} needs --data <dir>: BFCL's data folder (the one holding BFCL_v4_*.json and possible_answer/)`);
  }
  const cases = categories ? undefined : readCases(resolve(cwd, casesFile as string), options.limit);
  const outDir = resolve(cwd, options.out ?? join(resolveDataDir(undefined, io.env, cwd), "eval"));

  // Multi-turn BFCL entries run in their own runner, which has no recorder: capturing them silently would lose them.
  const multiTurn = options.capture === undefined ? undefined : categories?.find((category) => isMultiTurnBfclCategory(category));
  if (multiTurn !== undefined) throw usageError(`--capture records case files and single-turn BFCL categories, not ${multiTurn}; import its ground truth instead: toolgate dataset import BFCL_v4_${multiTurn}.json`);
  if (options.audit !== undefined && options.capture === undefined) throw usageError("--audit on eval run goes with --capture <url> (it records the runs whose content is captured)");
  const { openEvalCapture } = options.capture === undefined ? { openEvalCapture: undefined } : await import("./eval-capture.js");
  const capture = openEvalCapture ? await openEvalCapture(options.capture!, options.audit, { cwd, env: io.env }) : undefined;
  // With --capture, the cache answers only cases whose runs the capture store already holds (see eval-capture.ts).
  const model = await loadCliModel(options, io).catch(async (error: unknown) => {
    await capture?.close();
    throw error;
  });
  try {
    const router = await routerFor(routerSetting(options), model, { env: io.env, cwd, label: flagLabel });
    const progress = createProgressReporter({ stream: io.stderr, label: "toolgate eval" });
    const shared: Omit<RunEvalSuiteOptions, "cases" | "checkArguments"> = {
      model,
      ...(router ? { router } : {}),
      concurrency: options.concurrency,
      ...(options.cache ? { cacheDir: join(outDir, "cache") } : {}),
      onProgress: (event) => progress.update(event),
      ...(capture ? { recorder: capture.recorder } : {}),
    };
    let run: EvalRun;
    let score: BfclScoreReport | undefined;
    let resultsDir: string | undefined;
    try {
      if (categories) {
        const bfcl = await runBfclSuite({ ...shared, dataDir: resolve(cwd, options.data as string), categories, outDir, ...(options.limit === undefined ? {} : { limit: options.limit }) });
        ({ run, score, resultsDir } = bfcl);
      } else {
        run = await runEvalSuite({ ...shared, cases: cases as EvalCase[], checkArguments: bfclArgumentChecker() });
      }
    } catch (error) {
      throw error instanceof BfclDataError || error instanceof BfclSuiteError ? usageError(error.message, error) : error;
    } finally {
      progress.done();
    }
    const report = buildEvalReport(run, { suite: suiteName, ...(score ? { bfcl: bfclScoreSummary(score) } : {}) });
    writeReports(report, outDir, options, cwd);
    printReport(report, options, io, outDir, score, resultsDir);

    const misses = checkThresholds(thresholds, (category, metric) => lookupRate(report, category, metric));
    for (const miss of misses) writeLine(io.stderr, `toolgate: below threshold: ${formatThresholdMiss(miss)}`);
    const errors = run.results.filter((result) => result.status === "error");
    if (errors.length > 0) {
      writeLine(io.stderr, `toolgate: ${errors.length} case${errors.length > 1 ? "s" : ""} could not be run (first: ${errors[0]?.id}: ${errors[0]?.error}); fix the cause and run again — finished cases come from the cache`);
    }
    return misses.length > 0 || errors.length > 0 ? exitCodes.runtime : exitCodes.ok;
  } finally {
    await model.close?.();
    await capture?.close();
  }
}

function bfclCategories(suite: string): string[] {
  try {
    return parseBfclSuite(suite);
  } catch (error) {
    throw error instanceof BfclSuiteError ? usageError(error.message, error) : error;
  }
}

function readCases(path: string, limit: number | undefined): EvalCase[] {
  try {
    const cases = loadCaseFile(path);
    return limit === undefined ? cases : cases.slice(0, limit);
  } catch (error) {
    throw error instanceof CaseFileError ? usageError(error.message, error) : error;
  }
}

function writeReports(report: EvalReport, outDir: string, options: EvalRunOptions, cwd: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  if (options.html) writeFile(resolve(cwd, options.html), renderHtmlReport(report));
  if (options.junit) writeFile(resolve(cwd, options.junit), renderJunitXml(report));
}

function printReport(report: EvalReport, options: EvalRunOptions, io: CliIo, outDir: string, score: BfclScoreReport | undefined, resultsDir: string | undefined): void {
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(report, null, 2));
    return;
  }
  writeLine(io.stdout, formatSummaryTable(report.summary));
  const failures = formatFailures(report.results);
  if (failures) writeLine(io.stdout, `\n${failures}`);
  const errorCounts = formatErrorCounts(report.results);
  if (errorCounts) writeLine(io.stdout, `\n${errorCounts}`);
  if (score) writeLine(io.stdout, `\n${formatBfclScore(score, false, { bfclCategoryOrder, formatAccuracy })}`);
  if (resultsDir) writeLine(io.stdout, `\nBFCL result files: ${resultsDir} (toolgate eval score --bfcl ${resultsDir} --data <dir>${options.limit === undefined ? "" : " --partial"})`);
  writeLine(io.stdout, `\n${report.summary.overall.cases} cases · ${report.cached} from cache · report: ${join(outDir, "report.json")}`);
}

/** A rate by category (overall when absent) and metric; BFCL's `accuracy` comes from the scorer's summary. */
export function lookupRate(report: EvalReport, category: string | undefined, metric: string): Proportion | undefined {
  if (metric === "accuracy") return bfclAccuracy(report.bfcl, category);
  const summary = category === undefined || category === overallCategory ? report.summary.overall : report.summary.categories[category];
  return summary?.[metric as MetricName];
}

function bfclAccuracy(bfcl: unknown, category: string | undefined): Proportion | undefined {
  const categories = (bfcl as { categories?: Record<string, { correct?: unknown; total?: unknown }> } | undefined)?.categories;
  if (!categories) return undefined;
  const picked = category === undefined || category === overallCategory ? Object.values(categories) : categories[category] ? [categories[category]] : [];
  let correct = 0;
  let total = 0;
  for (const entry of picked) {
    if (typeof entry.correct !== "number" || typeof entry.total !== "number") continue;
    correct += entry.correct;
    total += entry.total;
  }
  return total === 0 ? undefined : { correct, total, rate: correct / total };
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function positiveInteger(flag: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < 1) {
      throw new InvalidArgumentError(`${flag} takes a whole number of at least 1, e.g. ${flag} 4`);
    }
    return parsed;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
