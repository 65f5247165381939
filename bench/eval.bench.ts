// bench:eval — BFCL scoring throughput (entries/s) on one real model's results, against JSON-parsing the same result files alone,
// and `toolgate eval score` as a whole process against BFCL's own evaluator in one Python process (BFCL_CHECKOUT).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { findResultFiles, loadGroundTruth, loadQuestions, loadResults, runnerOf, scoreBfclResults } from "../src/suites/bfcl/checker/index.js";
import { sharedPath } from "../src/test-support/shared-data.js";

const json = process.argv.includes("--json");
const runs = Number(process.env.BENCH_RUNS ?? 5);

const resultsDir = sharedPath("data", "bfcl-results", "glyphh-ada-1.1", "result");
const dataDir = sharedPath("data", "bfcl");
const files = findResultFiles(resultsDir);
const astCategories = [...files.keys()].filter((category) => runnerOf(category) === "ast");

interface Measurement {
  name: string;
  entries: number;
  medianMs: number;
  entriesPerSecond: number;
}

/** Median of `runs` timed runs after one warm-up; each run returns how many entries it handled. */
async function measure(name: string, run: () => Promise<number>): Promise<Measurement> {
  await run();
  const times: number[] = [];
  let entries = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    entries = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)] as number;
  return { name, entries, medianMs, entriesPerSecond: (entries / medianMs) * 1000 };
}

/** The I/O floor: read every result file and JSON.parse each line, nothing else. */
function parseOnly(categories: readonly string[]): Promise<number> {
  let entries = 0;
  for (const category of categories) {
    for (const line of readFileSync(files.get(category) as string, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      JSON.parse(line);
      entries++;
    }
  }
  return Promise.resolve(entries);
}

/** Everything scoring reads, decoded with Python's JSON rules (ints apart from floats), but nothing judged. */
function loadInputs(categories: readonly string[]): Promise<number> {
  let entries = 0;
  for (const category of categories) {
    entries += loadResults(files.get(category) as string).length;
    loadQuestions(dataDir, category);
    if (runnerOf(category) !== "relevance") loadGroundTruth(dataDir, category);
  }
  return Promise.resolve(entries);
}

async function score(categories?: readonly string[]): Promise<{ entries: number; notScored: string[] }> {
  const report = await scoreBfclResults({ resultsDir, dataDir, categories });
  const entries = Object.values(report.categories).reduce((sum, category) => sum + category.total, 0);
  return { entries, notScored: Object.keys(report.notScored) };
}

const { notScored } = await score();
const scoredCategories = [...files.keys()].filter((category) => !notScored.includes(category));
const all = await measure("score all categories with results", async () => (await score()).entries);
const allLoad = await measure("  load their results, questions and answers (Python JSON rules)", () => loadInputs(scoredCategories));
const allParse = await measure("  JSON.parse the result files alone", () => parseOnly(scoredCategories));
const ast = await measure("score AST categories only", async () => (await score(astCategories)).entries);
const astLoad = await measure("  load their results, questions and answers (Python JSON rules)", () => loadInputs(astCategories));
const astParse = await measure("  JSON.parse the result files alone", () => parseOnly(astCategories));

const rows = [all, allLoad, allParse, ast, astLoad, astParse];
const ratioAll = all.medianMs / allParse.medianMs;
const ratioAst = ast.medianMs / astParse.medianMs;

console.log(`## bench:eval (${runs} runs after a warm-up, median; ${join("glyphh-ada-1.1", "result")})`);
console.log("");
console.log("| run | entries | median ms | entries/s |");
console.log("|---|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.name} | ${row.entries} | ${row.medianMs.toFixed(1)} | ${Math.round(row.entriesPerSecond)} |`);
console.log("");
console.log(`Scoring / JSON.parse time: all ${ratioAll.toFixed(1)}×, AST only ${ratioAst.toFixed(1)}×.`);
console.log(`Share of scoring spent loading inputs: all ${((allLoad.medianMs / all.medianMs) * 100).toFixed(0)}%, AST only ${((astLoad.medianMs / ast.medianMs) * 100).toFixed(0)}%.`);
if (notScored.length > 0) console.log(`Not scored (no multi-turn checker in this build): ${notScored.join(", ")}.`);

const report = {
  benchmark: "bench:eval",
  node: process.version,
  runs,
  all: { entries: all.entries, medianMs: all.medianMs, entriesPerSecond: all.entriesPerSecond, categories: scoredCategories.length },
  ast: { entries: ast.entries, medianMs: ast.medianMs, entriesPerSecond: ast.entriesPerSecond, categories: astCategories.length },
  loadInputs: { all: { medianMs: allLoad.medianMs }, ast: { medianMs: astLoad.medianMs } },
  jsonParse: { all: { medianMs: allParse.medianMs, entriesPerSecond: allParse.entriesPerSecond }, ast: { medianMs: astParse.medianMs, entriesPerSecond: astParse.entriesPerSecond } },
  ratio: { all: ratioAll, ast: ratioAst },
  notScored,
};

// Whole processes: the built CLI (what a user runs) against BFCL's evaluator, alternating, same files, same machine.
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const processRuns = Number(process.env.BENCH_PROCESS_RUNS ?? 5);
const peer = await comparePeer();
if (json) console.log(JSON.stringify({ ...report, peer }));

interface ProcessTiming {
  wallMs: number;
  cpuMs: number;
}

/** One process, timed by /usr/bin/time when present (CPU seconds matter on a loaded machine), else wall time alone. */
function timeProcess(command: string, args: string[]): ProcessTiming {
  const useTime = existsSync("/usr/bin/time");
  const start = performance.now();
  const run = useTime
    ? spawnSync("/usr/bin/time", ["-f", "%U %S", command, ...args], { cwd: projectRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(command, args, { cwd: projectRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const cpu = useTime ? /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(run.stderr) : null;
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN };
}

function median(values: number[]): number {
  return [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
}

/** Per category: [correct, total] as BFCL's own score files state them (line 1 of each *_score.json). */
function officialCounts(scoreDir: string): Map<string, string> {
  const counts = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith("_score.json")) {
        const head = JSON.parse(readFileSync(path, "utf8").split("\n")[0] as string) as { correct_count: number; total_count: number };
        counts.set(name.replace(/^BFCL_v4_/, "").replace(/_score\.json$/, ""), `${head.correct_count}/${head.total_count}`);
      }
    }
  };
  walk(scoreDir);
  return counts;
}

async function comparePeer(): Promise<Record<string, unknown> | undefined> {
  const cli = join(projectRoot, "dist", "cli", "main.js");
  const checkout = process.env.BFCL_CHECKOUT;
  console.log("");
  console.log(`## eval score as a whole process vs BFCL's evaluator in one Python process (${processRuns} runs each, alternating, median)`);
  console.log("");
  if (!existsSync(cli)) {
    console.log(`Skipped: ${relative(projectRoot, cli)} is missing; run \`npm run build\` first (the row times the built CLI, as users run it).`);
    return undefined;
  }
  if (!checkout || !existsSync(checkout)) {
    console.log("Skipped: set BFCL_CHECKOUT to a checkout of github.com/ShishirPatil/gorilla (or its berkeley-function-call-leaderboard folder) to time BFCL's own evaluator as the peer. It is never committed here.");
    return undefined;
  }
  const python = process.env.PYTHON ?? "python3";
  const scoreRoot = mkdtempSync(join(tmpdir(), "toolgate-bfcl-peer-"));
  const loadBefore = loadavg()[0] as number;
  const ours: ProcessTiming[] = [];
  const theirs: ProcessTiming[] = [];
  let ourCounts = new Map<string, string>();
  let theirCounts = new Map<string, string>();
  try {
    for (let i = 0; i < processRuns; i++) {
      ours.push(timeProcess(process.execPath, [join(projectRoot, "bin", "toolgate.js"), "eval", "score", "--bfcl", resultsDir, "--data", dataDir, "--json"]));
      const scoreDir = join(scoreRoot, `run-${i}`, "score");
      theirs.push(timeProcess(python, [join(projectRoot, "bench", "bfcl-official-checker.py"), checkout, resultsDir, dataDir, scoreDir]));
      if (i === 0) theirCounts = officialCounts(scoreDir);
    }
    const last = spawnSync(process.execPath, [join(projectRoot, "bin", "toolgate.js"), "eval", "score", "--bfcl", resultsDir, "--data", dataDir, "--json"], { cwd: projectRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const scored = JSON.parse(last.stdout.trim().split("\n").at(-1) as string) as { categories: Record<string, { correct: number; total: number }> };
    ourCounts = new Map(Object.entries(scored.categories).map(([category, score]) => [category, `${score.correct}/${score.total}`]));
  } finally {
    rmSync(scoreRoot, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0] as number;
  const disagreements = [...ourCounts].filter(([category, count]) => theirCounts.get(category) !== count).map(([category]) => category);
  const row = (name: string, timings: ProcessTiming[]) => `| ${name} | ${median(timings.map((t) => t.wallMs)).toFixed(0)} | ${median(timings.map((t) => t.cpuMs)).toFixed(0)} |`;
  console.log("| process | wall ms | CPU ms (user+sys) |");
  console.log("|---|---:|---:|");
  console.log(row("toolgate eval score (node, dist/)", ours));
  console.log(row("BFCL eval_runner.main (python, one process)", theirs));
  const wallRatio = median(theirs.map((t) => t.wallMs)) / median(ours.map((t) => t.wallMs));
  const cpuRatio = median(theirs.map((t) => t.cpuMs)) / median(ours.map((t) => t.cpuMs));
  console.log("");
  console.log(`toolgate is ${wallRatio.toFixed(2)}× BFCL's speed by wall time, ${cpuRatio.toFixed(2)}× by CPU time; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (${processRuns} runs each).`);
  console.log(
    disagreements.length === 0
      ? `Verdicts: the same correct/total in all ${ourCounts.size} categories both scored.`
      : `Verdicts DIFFER in: ${disagreements.map((category) => `${category} (${ourCounts.get(category)} vs ${theirCounts.get(category) ?? "none"})`).join(", ")}.`,
  );
  return {
    runs: processRuns,
    toolgate: { wallMs: median(ours.map((t) => t.wallMs)), cpuMs: median(ours.map((t) => t.cpuMs)) },
    bfcl: { wallMs: median(theirs.map((t) => t.wallMs)), cpuMs: median(theirs.map((t) => t.cpuMs)) },
    ratio: { wall: wallRatio, cpu: cpuRatio },
    loadAverage: { before: loadBefore, after: loadAfter },
    sameVerdicts: disagreements.length === 0,
  };
}
