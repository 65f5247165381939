// bench:dataset — import+verify throughput against a plain JSON.parse pass, near-duplicate detection (MinHash/LSH)
// against exact Jaccard brute force on a 5k-row sample (recall, precision, speed), dedupe throughput on ≥100k rows,
// and peak memory of streaming import+verify at 100k vs 1M rows (bounded: the peak must not grow with the row count).
// Token counting (bench/dataset-tokens.bench.ts) runs on BENCH_TOKEN_ROWS (default: the same count) rows against HF tokenizers.
import { createReadStream } from "node:fs";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { findDuplicates, jaccard, openJsonlWriter, shingles, comparisonText, wordTokens, MinHasher, estimatedJaccard, verifyFile, importFile, seededRandom } from "../src/dataset/index.js";
import type { DatasetRecord } from "../src/dataset/index.js";
import { benchTokenCounting, formatTokenBench } from "./dataset-tokens.bench.js";

const json = process.argv.includes("--json");
const rowsMain = Number(process.env.BENCH_ROWS ?? 100_000);
const rowsLarge = Number(process.env.BENCH_ROWS_LARGE ?? 1_000_000);
const sampleSize = 5_000;
const threshold = 0.8;
const gc = (globalThis as { gc?: () => void }).gc;

// ---------------------------------------------------------------------------------------------------------------
// Synthetic rows: OpenAI fine-tuning JSONL with tools, varied user text, about 1 in 10 rows a near-duplicate
// (one or two words changed) of an earlier row, and a few defects (double-encoded arguments, unknown call names).
const words = "book table flight hotel weather forecast city tomorrow tonight price stock order pizza delivery address route train ticket seat window aisle refund invoice account balance transfer euro dollar meeting calendar reminder email report summary file folder search open close cancel update create list show compare".split(" ");
const cities = ["Oslo", "Paris", "Lima", "Tokyo", "Cairo", "Perth", "Quito", "Riga", "Dakar", "Hanoi"];

const tools = [
  { type: "function", function: { name: "search_flights", description: "Search flights", parameters: { type: "object", properties: { from: { type: "string" }, to: { type: "string" }, date: { type: "string" }, seats: { type: "integer" } }, required: ["from", "to"] } } },
  { type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city"] } } },
  { type: "function", function: { name: "book_table", description: "Book a restaurant table", parameters: { type: "object", properties: { city: { type: "string" }, people: { type: "integer" }, time: { type: "string" } }, required: ["city", "people"] } } },
];

function syntheticRows(count: number, seed: number): { rows: string[]; nearSources: number } {
  const next = seededRandom(seed);
  const texts: string[] = [];
  const rows: string[] = [];
  let nearSources = 0;
  for (let index = 0; index < count; index += 1) {
    let text: string;
    if (index > 10 && next() < 0.1) {
      // near-duplicate: an earlier question with one or two words swapped
      const source = texts[Math.floor(next() * texts.length)]!.split(" ");
      const changes = 1 + Math.floor(next() * 2);
      for (let change = 0; change < changes; change += 1) source[Math.floor(next() * source.length)] = words[Math.floor(next() * words.length)]!;
      text = source.join(" ");
      nearSources += 1;
    } else {
      const length = 12 + Math.floor(next() * 14);
      text = Array.from({ length }, () => words[Math.floor(next() * words.length)]!).join(" ") + ` in ${cities[Math.floor(next() * cities.length)]!}`;
    }
    texts.push(text);
    const tool = tools[Math.floor(next() * tools.length)]!.function;
    const args: Record<string, unknown> = tool.name === "search_flights" ? { from: cities[index % 10], to: cities[(index + 3) % 10], seats: 1 + (index % 4) } : tool.name === "get_weather" ? { city: cities[index % 10], days: 1 + (index % 7) } : { city: cities[index % 10], people: 2 + (index % 6) };
    const argumentsText = index % 97 === 0 ? JSON.stringify(JSON.stringify(args)) : JSON.stringify(args);
    const name = index % 131 === 0 ? "unknown_tool" : tool.name;
    rows.push(JSON.stringify({ messages: [{ role: "system", content: "You are a helpful travel assistant." }, { role: "user", content: text }, { role: "assistant", tool_calls: [{ id: `call_${index}`, type: "function", function: { name, arguments: argumentsText } }] }], tools }));
  }
  return { rows, nearSources };
}

async function writeRows(file: string, count: number, seed: number): Promise<number> {
  const writer = openJsonlWriter(file);
  // Generated in chunks so the 1M-row file never sits in memory.
  for (let start = 0; start < count; start += 50_000) {
    const { rows } = syntheticRows(Math.min(50_000, count - start), seed + start);
    for (const row of rows) await writer.write(JSON.parse(row));
  }
  await writer.close();
  return statSync(file).size;
}

async function plainParse(file: string): Promise<number> {
  let rows = 0;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    JSON.parse(line);
    rows += 1;
  }
  return rows;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Peak RSS and heap while `run` executes, sampled every 25 ms. */
async function peakMemory<T>(run: () => Promise<T>): Promise<{ value: T; rssMb: number; heapMb: number }> {
  gc?.();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 25);
  const value = await run();
  sample();
  clearInterval(timer);
  return { value, rssMb: rss / 1048576, heapMb: heap / 1048576 };
}

const directory = mkdtempSync(join(tmpdir(), "bench-dataset-"));
const lines: string[] = [];
const print = (line: string) => (json ? lines.push(line) : console.log(line));
const result: Record<string, unknown> = { bench: "dataset", node: process.version };

try {
  // 1. import + verify vs JSON.parse ---------------------------------------------------------------------------
  const mainFile = join(directory, "rows.jsonl");
  const bytes = await writeRows(mainFile, rowsMain, 1);
  await plainParse(mainFile); // warm the page cache
  const parse = await timed(() => plainParse(mainFile));
  const verify = await timed(() => verifyFile(mainFile, { format: "openai" }));
  const importOnly = await timed(async () => {
    let rows = 0;
    for await (const outcome of importFile(mainFile, { format: "openai" })) if (outcome.record) rows += 1;
    return rows;
  });
  const verifyReport = verify.value;
  result.verify = {
    rows: rowsMain,
    megabytes: bytes / 1048576,
    jsonParseRowsPerSecond: rowsMain / parse.seconds,
    importRowsPerSecond: rowsMain / importOnly.seconds,
    importVerifyRowsPerSecond: rowsMain / verify.seconds,
    ratioToJsonParse: parse.seconds / verify.seconds,
    defectsFound: Object.fromEntries(Object.entries(verifyReport.defects).map(([kind, entry]) => [kind, entry.count])),
  };
  print(`bench:dataset — ${process.version}; ${rowsMain.toLocaleString()} synthetic OpenAI rows (${(bytes / 1048576).toFixed(0)} MB)`);
  print("");
  print("| pass | rows/s | vs JSON.parse |");
  print("|---|---:|---:|");
  print(`| JSON.parse per line (reference) | ${Math.round(rowsMain / parse.seconds).toLocaleString()} | 1.00× |`);
  print(`| import (canonical records) | ${Math.round(rowsMain / importOnly.seconds).toLocaleString()} | ${(parse.seconds / importOnly.seconds).toFixed(2)}× |`);
  print(`| import + verify (OpenAI checks, tool checks, Ajv) | ${Math.round(rowsMain / verify.seconds).toLocaleString()} | ${(parse.seconds / verify.seconds).toFixed(2)}× |`);
  print(`defects found: ${Object.entries(verifyReport.defects).map(([kind, entry]) => `${kind} ${entry.count}`).join(", ")}`);

  // 2. near-duplicates: MinHash/LSH vs exact Jaccard brute force on a 5k-row sample ------------------------------
  const { rows: sampleRows } = syntheticRows(sampleSize, 99);
  const sample: DatasetRecord[] = sampleRows.map((row, index) => ({ ...(JSON.parse(row) as Omit<DatasetRecord, "meta">), meta: { id: `r${index}`, source: { format: "openai" } } }) as DatasetRecord);
  for (const record of sample) for (const message of record.messages) if (message.role === "assistant") for (const call of message.tool_calls ?? []) call.function.arguments = JSON.parse(call.function.arguments as string) as never;
  const brute = await timed(async () => {
    const sets = sample.map((record) => shingles(wordTokens(comparisonText(record)), 3));
    const pairs = new Set<string>();
    for (let a = 0; a < sets.length; a += 1) for (let b = a + 1; b < sets.length; b += 1) if (jaccard(sets[a]!, sets[b]!) >= threshold) pairs.add(`${a}:${b}`);
    return pairs;
  });
  const truth = brute.value;
  const lsh = await timed(() => findDuplicates(sample, { threshold, prefixes: false }));
  // Pairs the LSH pipeline put in one cluster (clusters are transitive, so compare pairwise membership).
  const clusterOf = new Map<string, number>();
  lsh.value.clusters.forEach((cluster, index) => cluster.members.forEach((member) => clusterOf.set(member, index)));
  let found = 0;
  for (const pair of truth) {
    const [a, b] = pair.split(":").map(Number) as [number, number];
    const ca = clusterOf.get(`r${a}`);
    if (ca !== undefined && ca === clusterOf.get(`r${b}`)) found += 1;
  }
  let clusteredPairs = 0;
  let truePairs = 0;
  for (const cluster of lsh.value.clusters) {
    const ids = cluster.members.map((member) => Number(member.slice(1))).sort((x, y) => x - y);
    for (let i = 0; i < ids.length; i += 1) for (let j = i + 1; j < ids.length; j += 1) {
      clusteredPairs += 1;
      if (truth.has(`${ids[i]}:${ids[j]}`)) truePairs += 1;
    }
  }
  // The signature estimate alone (no exact confirmation), for transparency about what MinHash by itself gets right.
  const hasher = new MinHasher(128);
  const signatures = sample.map((record) => hasher.signature(shingles(wordTokens(comparisonText(record)), 3)));
  let estimatePositive = 0;
  let estimateTrue = 0;
  for (let a = 0; a < signatures.length; a += 1) for (let b = a + 1; b < signatures.length; b += 1) {
    if (estimatedJaccard(signatures[a]!, signatures[b]!) >= threshold) {
      estimatePositive += 1;
      if (truth.has(`${a}:${b}`)) estimateTrue += 1;
    }
  }
  const recall = truth.size === 0 ? 1 : found / truth.size;
  const precision = clusteredPairs === 0 ? 1 : truePairs / clusteredPairs;
  result.nearDuplicates = { sample: sampleSize, threshold, truePairs: truth.size, recall, precision, bruteForceSeconds: brute.seconds, lshSeconds: lsh.seconds, speedup: brute.seconds / lsh.seconds, signatureOnly: { recall: truth.size === 0 ? 1 : estimateTrue / truth.size, precision: estimatePositive === 0 ? 1 : estimateTrue / estimatePositive } };
  print("");
  print(`near-duplicates on a ${sampleSize.toLocaleString()}-row sample, Jaccard ≥ ${threshold} over word 3-grams of user turns + call signature:`);
  print("| method | pairs found | recall | precision | seconds | speed |");
  print("|---|---:|---:|---:|---:|---:|");
  print(`| exact Jaccard, all ${((sampleSize * (sampleSize - 1)) / 2).toLocaleString()} pairs (reference) | ${truth.size} | 1.000 | 1.000 | ${brute.seconds.toFixed(2)} | 1.0× |`);
  print(`| MinHash 128 / LSH 32×4, candidates confirmed by exact Jaccard | ${truePairs} | ${recall.toFixed(3)} | ${precision.toFixed(3)} | ${lsh.seconds.toFixed(2)} | ${(brute.seconds / lsh.seconds).toFixed(1)}× |`);
  print(`| (MinHash estimate alone, all pairs) | ${estimatePositive} | ${(estimateTrue / Math.max(1, truth.size)).toFixed(3)} | ${(estimateTrue / Math.max(1, estimatePositive)).toFixed(3)} | – | – |`);

  // Dedupe at full size: LSH scales linearly; brute force would need n²/2 comparisons.
  const fullDedupe = await timed(async () => {
    async function* records(): AsyncGenerator<DatasetRecord> {
      for await (const outcome of importFile(mainFile, { format: "openai" })) if (outcome.record) yield outcome.record;
    }
    return findDuplicates(records(), { threshold });
  });
  const bruteEstimate = brute.seconds * ((rowsMain * (rowsMain - 1)) / (sampleSize * (sampleSize - 1)));
  result.dedupe = { rows: rowsMain, seconds: fullDedupe.seconds, rowsPerSecond: rowsMain / fullDedupe.seconds, removed: fullDedupe.value.removed.length, bruteForceEstimateSeconds: bruteEstimate };
  print(`dedupe of all ${rowsMain.toLocaleString()} rows (import included): ${fullDedupe.seconds.toFixed(1)} s (${Math.round(rowsMain / fullDedupe.seconds).toLocaleString()} rows/s), ${fullDedupe.value.removed.length.toLocaleString()} removed; brute force at the sample's pace would take ~${Math.round(bruteEstimate).toLocaleString()} s`);

  // 3. Token counting: toolgate (Jinja template + vendored tokenizer) vs Hugging Face tokenizers (Rust) on the same rows.
  const tokenRows = Number(process.env.BENCH_TOKEN_ROWS ?? rowsMain);
  const tokens = benchTokenCounting({ rows: tokenRows, countRows: Math.min(tokenRows, 10_000), transformersRows: 2_000 });
  result.tokens = tokens;
  print("");
  print(formatTokenBench(tokens));

  // 4. Peak memory: streaming import + verify at 100k vs 1M rows --------------------------------------------------
  const small = await peakMemory(() => verifyFile(mainFile, { format: "openai" }));
  rmSync(mainFile);
  const largeFile = join(directory, "large.jsonl");
  const largeBytes = await writeRows(largeFile, rowsLarge, 7);
  const large = await peakMemory(() => verifyFile(largeFile, { format: "openai" }));
  result.memory = { rows: [rowsMain, rowsLarge], rssMb: [small.rssMb, large.rssMb], heapMb: [small.heapMb, large.heapMb], largeFileMb: largeBytes / 1048576, largeRowsVerified: large.value.rows };
  print("");
  print("peak memory of streaming import + verify:");
  print("| rows | file MB | peak RSS MB | peak heap MB |");
  print("|---:|---:|---:|---:|");
  print(`| ${rowsMain.toLocaleString()} | ${(bytes / 1048576).toFixed(0)} | ${small.rssMb.toFixed(0)} | ${small.heapMb.toFixed(0)} |`);
  print(`| ${rowsLarge.toLocaleString()} | ${(largeBytes / 1048576).toFixed(0)} | ${large.rssMb.toFixed(0)} | ${large.heapMb.toFixed(0)} |`);
  print("");
  print(`load average at the end: ${loadavg().map((value) => value.toFixed(2)).join(" ")} (2 cores shared with other work)${gc ? "" : " — run with --expose-gc for exact heap figures"}`);
  result.loadAverage = loadavg();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
if (json) console.log(JSON.stringify(result));
else void lines;
