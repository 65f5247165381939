// bench:eval — BFCL scoring throughput (entries/s) on one real model's results, against JSON-parsing the same result files alone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
if (json) console.log(JSON.stringify(report));
