// Token counting throughput: toolgate (jinja + @lenml tokenizers in Node) against Hugging Face tokenizers (Rust) and
// transformers' apply_chat_template on the same synthetic rows, measured in the same run. `benchTokenCounting` is also
// called by bench/dataset.bench.ts; run alone: `npx tsx bench/dataset-tokens.bench.ts [rows]`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatasetRecord } from "../src/dataset/index.js";
import { createTokenCounter, loadChatTemplate, loadTokenizer, vendoredTokenizerDirectory } from "../src/dataset/index.js";

export interface TokenBenchResult {
  rows: number;
  tokenizer: string;
  /** toolgate: the tokenizer alone over the rendered texts. */
  encodeRowsPerSecond: number;
  /** toolgate: the whole count (render, encode, trained-token prefixes), over the first countRows rows. */
  countRowsPerSecond: number;
  countRows: number;
  rustBatchRowsPerSecond?: number;
  rustLoopRowsPerSecond?: number;
  transformersRowsPerSecond?: number;
  transformersRows?: number;
  skipped?: string;
}

const cities = ["Paris", "Oslo", "Lima", "Kyoto", "Accra", "Quito", "Perth", "Tunis"];

/** Seeded synthetic rows: one tool call, its result and an answer, with varied tools, words and numbers. */
export function syntheticRows(count: number, seed = 7): DatasetRecord[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  return Array.from({ length: count }, (_, index): DatasetRecord => {
    const city = cities[next() % cities.length] as string;
    const days = (next() % 9) + 1;
    const tool = `forecast_${next() % 50}`;
    return {
      messages: [
        { role: "system", content: "You are a travel assistant. Use the tools when they help." },
        { role: "user", content: `What will the weather be in ${city} over the next ${days} days? I land on flight ${next() % 9000} at ${next() % 24}:00.` },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: tool, arguments: { city, days, units: next() % 2 === 0 ? "metric" : "imperial" } } }] },
        { role: "tool", tool_call_id: "call_1", content: JSON.stringify({ city, highs: Array.from({ length: days }, () => next() % 35), rain: next() % 100 }) },
        { role: "assistant", content: `Expect highs around ${next() % 35} degrees in ${city}, with a ${next() % 100}% chance of rain.` },
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
export function benchTokenCounting(options: { rows: number; countRows?: number; tokenizer?: string; template?: string; transformersRows?: number }): TokenBenchResult {
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
  const countRows = rows.slice(0, options.countRows ?? 10_000);
  start = performance.now();
  for (const row of countRows) counter.count(row);
  const countSeconds = (performance.now() - start) / 1000;
  const result: TokenBenchResult = { rows: rows.length, countRows: countRows.length, tokenizer: tokenizerName, encodeRowsPerSecond: rows.length / encodeSeconds, countRowsPerSecond: countRows.length / countSeconds };

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
    `| full count (template + tokens + trained) | ${rate(result.countRowsPerSecond)} (${result.countRows} rows) | transformers apply_chat_template ${rate(result.transformersRowsPerSecond)} (${result.transformersRows ?? 0} rows) | ${ratio(result.countRowsPerSecond, result.transformersRowsPerSecond)} |`,
    ...(result.skipped ? [result.skipped] : []),
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = Number(process.argv[2] ?? 100_000);
  console.log(formatTokenBench(benchTokenCounting({ rows })));
}
