// Token counting throughput: toolgate (jinja + @lenml tokenizers in Node) against Hugging Face tokenizers (Rust) and
// transformers' apply_chat_template on the same synthetic rows, measured in the same run. `benchTokenCounting` is also
// called by bench/dataset.bench.ts; run alone: `npx tsx bench/dataset-tokens.bench.ts [rows]`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatasetRecord } from "../src/dataset/index.js";
import { readFileSync } from "node:fs";
import { TokenizerLoader } from "@lenml/tokenizers";
import { createTokenCounter, loadChatTemplate, loadTokenizer, seededRandom, vendoredTokenizerDirectory } from "../src/dataset/index.js";

export interface TokenBenchResult {
  rows: number;
  tokenizer: string;
  /** toolgate: the tokenizer alone over the rendered texts (parts between special tokens memoised, as in use). */
  encodeRowsPerSecond: number;
  /** toolgate: the same texts through @lenml/tokenizers' own encode, no memoisation (first `uncachedRows` texts). */
  uncachedEncodeRowsPerSecond: number;
  uncachedRows: number;
  /** Distinct parts the memoised encode tokenized, over all parts it saw: how much the rows repeat. */
  partsTokenized: number;
  partsSeen: number;
  /** toolgate: the whole count (render, encode, trained-token prefixes), over the first countRows rows. */
  countRowsPerSecond: number;
  countRows: number;
  rustBatchRowsPerSecond?: number;
  rustLoopRowsPerSecond?: number;
  transformersRowsPerSecond?: number;
  transformersRows?: number;
  skipped?: string;
}

const cities = ["Paris", "Oslo", "Lima", "Kyoto", "Accra", "Quito", "Perth", "Tunis", "Hanoi", "Dakar", "Riga", "Cusco", "Bergen", "Porto", "Leeds", "Turku"];
const words = "please also check whether I need an umbrella jacket sunscreen boots scarf for the trip my partner and kids are coming we want to hike visit museums eat outside go to the beach take the train rent bikes see the old town".split(" ");

/**
 * Seeded synthetic rows: one tool call, its result and an answer. The system prompt and the 50 tool schemas repeat
 * across rows (as a catalog's do); the user's words, numbers, arguments, results and answers vary row by row (mulberry32,
 * so no short cycles): about four in five text parts of a row are new.
 */
export function syntheticRows(count: number, seed = 7): DatasetRecord[] {
  const random = seededRandom(seed);
  const next = () => Math.floor(random() * 2 ** 31);
  const phrase = (length: number) => Array.from({ length }, () => words[next() % words.length] as string).join(" ");
  return Array.from({ length: count }, (_, index): DatasetRecord => {
    const city = cities[next() % cities.length] as string;
    const days = (next() % 9) + 1;
    const tool = `forecast_${next() % 50}`;
    return {
      messages: [
        { role: "system", content: "You are a travel assistant. Use the tools when they help." },
        { role: "user", content: `What will the weather be in ${city} over the next ${days} days? I land on flight ${next() % 9000} at ${next() % 24}:${String(next() % 60).padStart(2, "0")}, ${phrase(6 + (next() % 10))}.` },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: tool, arguments: { city, days, units: next() % 2 === 0 ? "metric" : "imperial" } } }] },
        { role: "tool", tool_call_id: "call_1", content: JSON.stringify({ city, highs: Array.from({ length: days }, () => next() % 35), rain: next() % 100 }) },
        { role: "assistant", content: `Expect highs around ${next() % 35} degrees in ${city}, with a ${next() % 100}% chance of rain; ${phrase(4 + (next() % 8))}.` },
      ],
      tools: [{ type: "function", function: { name: tool, description: "Daily forecast for a city", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1, maximum: 14 }, units: { type: "string", enum: ["metric", "imperial"] } }, required: ["city"] } } }],
      meta: { id: `syn-${index}`, source: { format: "canonical" } },
    };
  });
}

/**
 * `rows` rows are rendered and tokenized by both sides; the full count (three renders and encodes per row here) runs on
 * the first `countRows`, and transformers' apply_chat_template on the first `transformersRows` (it is the slowest).
 */
export function benchTokenCounting(options: { rows: number; countRows?: number; uncachedRows?: number; tokenizer?: string; template?: string; transformersRows?: number }): TokenBenchResult {
  const tokenizerName = options.tokenizer ?? "qwen3";
  const tokenizer = loadTokenizer(tokenizerName);
  const template = loadChatTemplate(options.template ?? "qwen3", tokenizer.specialTokens);
  const counter = createTokenCounter({ template, tokenizer });
  const rows = syntheticRows(options.rows);

  const texts = rows.map((row) => counter.render(row));
  let start = performance.now();
  let tokens = 0;
  for (const text of texts) tokens += tokenizer.encode(text).length;
  const encodeSeconds = (performance.now() - start) / 1000;
  // The library's own encode on a fresh instance (no memoised parts), for how much the memoisation brings.
  const directory = vendoredTokenizerDirectory(tokenizerName);
  const readJson = (file: string) => JSON.parse(readFileSync(join(directory, file), "utf8")) as Record<string, unknown>;
  const plain = TokenizerLoader.fromPreTrained({ tokenizerJSON: readJson("tokenizer.json"), tokenizerConfig: readJson("tokenizer_config.json") } as Parameters<typeof TokenizerLoader.fromPreTrained>[0]);
  const uncachedTexts = texts.slice(0, options.uncachedRows ?? 10_000);
  start = performance.now();
  let uncachedTokens = 0;
  for (const text of uncachedTexts) uncachedTokens += plain.encode(text, { add_special_tokens: false }).length;
  const uncachedSeconds = (performance.now() - start) / 1000;
  const partsSeen = texts.reduce((sum, text) => sum + partsOf(text).length, 0);
  const partsTokenized = new Set(texts.flatMap((text) => partsOf(text))).size;
  void uncachedTokens;
  const countRows = rows.slice(0, options.countRows ?? 10_000);
  start = performance.now();
  for (const row of countRows) counter.count(row);
  const countSeconds = (performance.now() - start) / 1000;
  const result: TokenBenchResult = {
    rows: rows.length,
    countRows: countRows.length,
    tokenizer: tokenizerName,
    encodeRowsPerSecond: rows.length / encodeSeconds,
    uncachedEncodeRowsPerSecond: uncachedTexts.length / uncachedSeconds,
    uncachedRows: uncachedTexts.length,
    partsTokenized,
    partsSeen,
    countRowsPerSecond: countRows.length / countSeconds,
  };

  const work = mkdtempSync(join(tmpdir(), "toolgate-token-bench-"));
  try {
    writeFileSync(join(work, "texts.jsonl"), texts.map((text) => JSON.stringify(text)).join("\n") + "\n");
    writeFileSync(join(work, "rows.jsonl"), rows.slice(0, options.transformersRows ?? 2000).map((row) => JSON.stringify(row)).join("\n") + "\n");
    writeFileSync(join(work, "template.jinja"), template.source);
    const script = fileURLToPath(new URL("./hf_tokens_bench.py", import.meta.url));
    const python = spawnSync("python3", [script, join(work, "texts.jsonl"), join(work, "rows.jsonl"), join(work, "template.jinja"), vendoredTokenizerDirectory(tokenizerName), String(options.transformersRows ?? 2000)], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (python.status !== 0) return { ...result, skipped: `Python reference not run: ${python.stderr.trim().split("\n").at(-1) ?? "python3 failed"}` };
    const reference = JSON.parse(python.stdout.trim().split("\n").at(-1) ?? "{}") as { tokens: number; rustBatchRowsPerSecond: number; rustLoopRowsPerSecond: number; transformersRowsPerSecond: number; transformersRows: number };
    if (reference.tokens !== tokens) throw new Error(`token totals differ: toolgate ${tokens}, Rust tokenizers ${reference.tokens}`);
    return { ...result, rustBatchRowsPerSecond: reference.rustBatchRowsPerSecond, rustLoopRowsPerSecond: reference.rustLoopRowsPerSecond, transformersRowsPerSecond: reference.transformersRowsPerSecond, transformersRows: reference.transformersRows };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatTokenBench(result: TokenBenchResult): string {
  const rate = (value: number | undefined) => (value === undefined ? "–" : `${Math.round(value).toLocaleString("en")} rows/s`);
  const ratio = (ours: number, theirs: number | undefined) => (theirs === undefined ? "–" : `${(ours / theirs).toFixed(2)}×`);
  return [
    `token counting, ${result.rows.toLocaleString("en")} synthetic rows, ${result.tokenizer} tokenizer (load ${loadavg().map((value) => value.toFixed(2)).join(" ")})`,
    `| measure | toolgate | reference | toolgate / reference |`,
    `|---|---|---|---|`,
    `| tokenize rendered text | ${rate(result.encodeRowsPerSecond)} | HF tokenizers (Rust) encode loop ${rate(result.rustLoopRowsPerSecond)} | ${ratio(result.encodeRowsPerSecond, result.rustLoopRowsPerSecond)} |`,
    `| tokenize rendered text | ${rate(result.encodeRowsPerSecond)} | HF tokenizers (Rust) encode_batch ${rate(result.rustBatchRowsPerSecond)} | ${ratio(result.encodeRowsPerSecond, result.rustBatchRowsPerSecond)} |`,
    `| tokenize rendered text, no memoised parts (@lenml encode) | ${rate(result.uncachedEncodeRowsPerSecond)} (${result.uncachedRows} rows) | HF tokenizers (Rust) encode_batch ${rate(result.rustBatchRowsPerSecond)} | ${ratio(result.uncachedEncodeRowsPerSecond, result.rustBatchRowsPerSecond)} |`,
    `| full count (template + tokens + trained) | ${rate(result.countRowsPerSecond)} (${result.countRows} rows) | transformers apply_chat_template ${rate(result.transformersRowsPerSecond)} (${result.transformersRows ?? 0} rows) | ${ratio(result.countRowsPerSecond, result.transformersRowsPerSecond)} |`,
    `text between special tokens: ${result.partsSeen.toLocaleString("en")} parts, ${result.partsTokenized.toLocaleString("en")} distinct (each distinct part is tokenized once)`,
    ...(result.skipped ? [result.skipped] : []),
  ].join("\n");
}

/** A rendered text's parts between the Qwen/ChatML special tokens the bench's template prints (for the repeat count). */
function partsOf(text: string): string[] {
  return text.split(/<\|im_start\|>|<\|im_end\|>|<tool_call>|<\/tool_call>|<tool_response>|<\/tool_response>|<think>|<\/think>/).filter((part) => part !== "");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = Number(process.argv[2] ?? 100_000);
  console.log(formatTokenBench(benchTokenCounting({ rows })));
}
