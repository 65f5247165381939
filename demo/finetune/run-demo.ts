// `npm run demo:finetune`: the fine-tuning loop for real on this machine, timed stage by stage.
//   example catalog → eval cases → dataset build (import, verify, dedupe, split; the held-back split becomes eval cases)
//   → dataset tokens (fit) → dataset bundle (TRL) → a tiny random Llama (Llama 2 tokenizer) → train.py (TRL, CPU)
//   → serve before and after on loopback → toolgate eval run on the held-back cases for both → eval compare.
// Node drives and measures; Python only builds, trains and serves the model (toolgate never trains inside Node).
//   npx tsx demo/finetune/run-demo.ts [--smoke] [--out dir] [--steps n] [--per-tool n] [--tools-per-case n] [--hidden n]
//   [--layers n] [--learning-rate x] [--batch-size n] [--threads n] [--seed n] [--resume]; training progress: <out>/train.log
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { main as toolgate } from "../../src/cli/main.js";
import type { DatasetRecord } from "../../src/dataset/index.js";
import { readRecords, runRecipe, vendoredTokenizerDirectory, writeJsonLines } from "../../src/dataset/index.js";
import { generateCatalogCases } from "./catalog-cases.js";
import { heldOutCase } from "./held-out-cases.js";
import { startModelServer } from "./model-server.js";

export interface DemoOptions {
  out: string;
  /** Few steps, few cases, short generations: proves the loop runs, not that the model learns. */
  smoke: boolean;
  /** Keep `out` and skip the stages an earlier run finished (recorded in <out>/stages.json). */
  resume?: boolean;
  steps: number;
  perTool: number;
  toolsPerCase: number;
  layers: number;
  hidden: number;
  learningRate: number;
  /** Per-device batch; the bundle accumulates 4 of them per optimiser step. */
  batchSize: number;
  threads: number;
  seed: number;
  log: (line: string) => void;
}

export interface StageTime {
  stage: string;
  seconds: number;
}

export interface DemoResult {
  stages: StageTime[];
  rows: { cases: number; imported: number; afterVerify: number; afterDedupe: number; train: number; held: number; fittedTrain: number; trimmedToUsedTools: number };
  training: { steps: number; trainLoss: number; parameters: number };
  comparison: unknown;
  /** Per model, among its held-back answers with a well-formed call: how often the right tool, against 1 / tools offered. */
  toolChoice: Record<"before" | "after", { answers: number; calls: number; rightTool: number; chance: number }>;
  loadAverage: number[];
}

const here = fileURLToPath(new URL(".", import.meta.url));
const python = process.env.PYTHON ?? "python3";
const template = "toolgate-chatml";
const tokenizerName = "llama2";

/** Runs the CLI in this process; stdout is captured (and echoed when `echo`), a non-zero exit fails the stage. */
async function cli(argv: string[], echo: (line: string) => void): Promise<string> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const code = await toolgate(argv, { stdin: new PassThrough(), stdout, stderr, env: process.env, cwd: process.cwd() });
  for (const line of out.trim().split("\n")) if (line && !argv.includes("--json")) echo(`  ${line}`);
  if (code !== 0) throw new Error(`toolgate ${argv.join(" ")} exited ${code}:\n${err.slice(-3000)}${out.slice(-1000)}`);
  return out;
}

/** Python's stderr (progress bars, loss lines) goes to `logFile` as it happens, so a long run can be watched. */
function runPython(args: string[], log: (line: string) => void, threads: number, logFile: string): string {
  const stderr = openSync(logFile, "a");
  let run;
  try {
    run = spawnSync(python, args, { encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", stderr], env: { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads), TOKENIZERS_PARALLELISM: "false", PYTHONUNBUFFERED: "1" } });
  } finally {
    closeSync(stderr);
  }
  const errors = readFileSync(logFile, "utf8");
  if (run.status !== 0) throw new Error(`${python} ${args.join(" ")} failed (${run.status ?? run.signal}):\n${errors.slice(-4000)}`);
  for (const line of errors.split(/[\r\n]/)) if (/^\{'loss'/.test(line.trim())) log(`  ${line.trim()}`);
  return run.stdout;
}

export async function runFinetuneDemo(options: DemoOptions): Promise<DemoResult> {
  const { log } = options;
  const out = resolve(options.out);
  // Each finished stage is recorded with its time and value, so --resume continues a run cut short (a long training
  // on a shared machine, a server that failed to start) without redoing what finished.
  const stagesFile = join(out, "stages.json");
  const finished = new Map<string, { seconds: number; value: unknown }>();
  if (options.resume) {
    try {
      for (const entry of JSON.parse(readFileSync(stagesFile, "utf8")) as { stage: string; seconds: number; value: unknown }[]) finished.set(entry.stage, entry);
    } catch {
      // nothing finished yet
    }
  } else {
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  const stages: StageTime[] = [];
  const stage = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    const done = finished.get(name);
    if (done) {
      log(`— ${name}: done in an earlier run (${done.seconds.toFixed(1)} s)`);
      stages.push({ stage: name, seconds: done.seconds });
      return done.value as T;
    }
    log(`— ${name}`);
    const started = performance.now();
    const value = await run();
    const seconds = (performance.now() - started) / 1000;
    stages.push({ stage: name, seconds });
    finished.set(name, { seconds, value });
    writeFileSync(stagesFile, JSON.stringify([...finished].map(([stageName, entry]) => ({ stage: stageName, ...entry }))));
    log(`  (${seconds.toFixed(1)} s)`);
    return value;
  };

  // 1. Source: ground-truth conversations from eval cases generated over the example catalog.
  const casesFile = join(out, "catalog-cases.jsonl");
  const cases = await stage("cases from the example catalog", () => {
    const generated = generateCatalogCases({ perTool: options.perTool, toolsPerCase: options.toolsPerCase, seed: options.seed });
    writeFileSync(casesFile, generated.map((entry) => JSON.stringify(entry)).join("\n") + "\n");
    log(`  ${generated.length} cases, ${options.perTool} per catalog tool, ${options.toolsPerCase} tools offered per case`);
    return generated;
  });

  // 2. dataset build: import (eval-case importer) → verify --fix → dedupe → split, with the held-back split kept apart.
  const recipeFile = join(out, "recipe.yaml");
  const build = await stage("dataset build (import, verify, dedupe, split)", async () => {
    writeFileSync(recipeFile, [
      "name: catalog-finetune-demo",
      `seed: ${options.seed}`,
      "out: build",
      "steps:",
      `  - import: { files: [${JSON.stringify(casesFile)}], format: eval-cases, licence: Apache-2.0 }`,
      "  - verify: { fix: true }",
      "  - dedupe: { threshold: 0.8 }",
      "  - split: { ratios: { train: 0.85, held: 0.15 } }",
      "",
    ].join("\n"));
    const context = await runRecipe(recipeFile, { log: (line) => log(`  ${line}`) });
    const splits = context.splits ?? {};
    await writeJsonLines(join(out, "train.jsonl"), splits.train ?? []);
    await writeJsonLines(join(out, "held.jsonl"), splits.held ?? []);
    const rowsAfter = (step: string) => Number((context.reports.find((entry) => entry.step === step)?.report as { rowsAfter?: number; kept?: number; rows?: number } | undefined)?.[step === "verify" ? "rowsAfter" : step === "dedupe" ? "kept" : "rows"] ?? 0);
    return { imported: rowsAfter("import"), afterVerify: rowsAfter("verify"), afterDedupe: rowsAfter("dedupe"), train: splits.train?.length ?? 0, held: splits.held ?? [] };
  });

  const heldCasesFile = join(out, "held-cases.jsonl");
  writeFileSync(heldCasesFile, build.held.map((row) => JSON.stringify(heldOutCase(row))).join("\n") + "\n");
  log(`  held-back split → ${build.held.length} eval cases (${heldCasesFile})`);

  // 3. dataset tokens: count with the training template and tokenizer; rows over the context keep only the tools they use.
  const maxTokens = 1024;
  const fittedFile = join(out, "train.fitted.jsonl");
  const tokenReportFile = join(out, "tokens.json");
  await stage("dataset tokens (count, fit to context)", () => cli(["dataset", "tokens", join(out, "train.jsonl"), "--template", template, "--tokenizer", tokenizerName, "--max-tokens", String(maxTokens), "--fit", "keep-used-tools,drop", "--out", fittedFile, "--report", tokenReportFile], log));
  const fitted: DatasetRecord[] = [];
  for await (const row of readRecords(fittedFile)) fitted.push(row);
  const trimmed = fitted.filter((row) => JSON.stringify(row.meta).includes("keep-used-tools")).length;

  // 4. dataset bundle: the TRL folder (full fine-tuning: LoRA on a random init has nothing to adapt), manifest signed.
  const baseModel = join(out, "base-model");
  const bundleDir = join(out, "bundles");
  await stage("dataset bundle (TRL)", () => cli(["dataset", "bundle", fittedFile, "--eval", join(out, "held.jsonl"), "--trainer", "trl", "--out", bundleDir, "--template", template, "--tokenizer", tokenizerName, "--max-tokens", String(maxTokens), "--base-model", baseModel, "--cpu", "--no-lora", "--max-steps", String(options.steps), "--learning-rate", String(options.learningRate), "--batch-size", String(options.batchSize), "--provenance", join(out, "build", "report.json"), "--data-dir", join(out, "toolgate-data")], log));
  const trlDir = join(bundleDir, "trl");

  // 5. The base: a tiny random Llama around the vendored Llama 2 tokenizer (32k vocabulary).
  const parameters = await stage("base model (random init)", () => {
    const printed = runPython([join(here, "make_tiny_model.py"), vendoredTokenizerDirectory(tokenizerName), baseModel, "--layers", String(options.layers), "--hidden", String(options.hidden), "--seed", String(options.seed)], log, options.threads, join(out, "python.log"));
    return Number(printed.trim().split("\n").at(-1));
  });

  // 6. Train with the bundle's own train.py, as its README says.
  const tunedModel = join(out, "tuned-model");
  const training = await stage(`train (TRL SFT, ${options.steps} steps, CPU, ${options.threads} threads)`, () => {
    const printed = runPython([join(trlDir, "train.py"), "--model", baseModel, "--output-dir", tunedModel, "--max-steps", String(options.steps)], log, options.threads, join(out, "train.log"));
    const summary = JSON.parse(printed.trim().split("\n").at(-1) ?? "{}") as { train_loss?: number; steps?: number };
    log(`  train_loss ${summary.train_loss?.toFixed(3)} after ${summary.steps} steps`);
    return { steps: summary.steps ?? 0, trainLoss: summary.train_loss ?? Number.NaN, parameters };
  });

  // 7. Serve each model on loopback and run the held-back cases through toolgate's agent loop and gate.
  const runs = { before: join(out, "runs", "before", "report.json"), after: join(out, "runs", "after", "report.json") };
  for (const [label, model] of [["before", baseModel], ["after", tunedModel]] as const) {
    await stage(`serve + eval run (${label})`, async () => {
      const server = await startModelServer({ python, script: join(here, "serve_model.py"), model, chatTemplate: join(trlDir, "chat_template.jinja"), maxNewTokens: options.smoke ? 24 : 80, threads: options.threads, logRequests: join(out, `requests-${label}.jsonl`) });
      try {
        await cli(["eval", "run", heldCasesFile, "--model", `openai-compatible:${server.url}#${label}`, "--out", join(out, "runs", label), "--no-cache", "--concurrency", "1"], log);
      } finally {
        await server.stop();
      }
    });
  }

  // 8. eval compare: deltas with 95% intervals and a significance test.
  const comparison = await stage("eval compare", async () => {
    await cli(["eval", "compare", runs.before, runs.after], log);
    return JSON.parse(await cli(["eval", "compare", runs.before, runs.after, "--json"], log)) as unknown;
  });

  const toolChoice = {
    before: toolChoiceOf(join(out, "requests-before.jsonl"), heldCasesFile, options.toolsPerCase),
    after: toolChoiceOf(join(out, "requests-after.jsonl"), heldCasesFile, options.toolsPerCase),
  };
  const result: DemoResult = {
    stages,
    rows: { cases: cases.length, imported: build.imported, afterVerify: build.afterVerify, afterDedupe: build.afterDedupe, train: build.train, held: build.held.length, fittedTrain: fitted.length, trimmedToUsedTools: trimmed },
    training,
    comparison,
    toolChoice,
    loadAverage: loadavg(),
  };
  writeFileSync(join(out, "demo-result.json"), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/**
 * The tuned model's tool choice, from what the server answered (the completion's first call name) against the case's
 * expected tool, matched by the user's text: whether it picks among the offered tools better than chance.
 */
function toolChoiceOf(requestLog: string, heldCasesFile: string, toolsPerCase: number): DemoResult["toolChoice"]["after"] {
  const expected = new Map<string, string>();
  for (const line of readFileSync(heldCasesFile, "utf8").trim().split("\n")) {
    const testCase = JSON.parse(line) as { messages: { content: string }[]; expect: { calls?: Record<string, unknown>[] } };
    const call = testCase.expect.calls?.[0];
    if (call) expected.set(testCase.messages[0]!.content, Object.keys(call)[0]!);
  }
  let answers = 0;
  let calls = 0;
  let rightTool = 0;
  for (const line of readFileSync(requestLog, "utf8").trim().split("\n")) {
    const entry = JSON.parse(line) as { messages: { role: string; content: string }[]; completion: string };
    if (entry.messages.some((message) => message.role === "tool")) continue; // a later step of the same case
    const user = entry.messages.find((message) => message.role === "user")?.content ?? "";
    answers += 1;
    const called = wellFormedCallName(entry.completion);
    if (called === undefined) continue;
    calls += 1;
    if (expected.get(user) === called) rightTool += 1;
  }
  return { answers, calls, rightTool, chance: 1 / toolsPerCase };
}

interface ComparisonRow {
  category: string;
  metric: string;
  a: { correct: number; total: number; rate: number | null; interval?: { low: number; high: number } };
  b: { correct: number; total: number; rate: number | null; interval?: { low: number; high: number } };
  difference?: { delta: number; pValue: number; significant: boolean; interval: { low: number; high: number } };
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? "–" : `${(value * 100).toFixed(1)}%`);

/** The name in the first <tool_call>{…}</tool_call> block that parses as JSON (serve_model.py's own rule), if any. */
function wellFormedCallName(completion: string): string | undefined {
  for (const match of completion.matchAll(/<tool_call>\s*(\{[\s\S]*?\})\s*<\/tool_call>/g)) {
    try {
      const payload = JSON.parse(match[1]!) as { name?: unknown };
      if (typeof payload.name === "string") return payload.name;
    } catch {
      // not a call: serve_model.py leaves it in the text too
    }
  }
  return undefined;
}

export function formatDemoResult(result: DemoResult): string {
  const rows = ((result.comparison as { rows?: ComparisonRow[] }).rows ?? []).filter((row) => row.category === "overall" && ["decision", "arguments", "passed"].includes(row.metric));
  const side = (entry: ComparisonRow["a"]) => `${percent(entry.rate)} (${entry.correct}/${entry.total}; ${percent(entry.interval?.low)}–${percent(entry.interval?.high)})`;
  return [
    `rows: ${result.rows.cases} cases → ${result.rows.imported} imported → ${result.rows.afterVerify} after verify → ${result.rows.afterDedupe} after dedupe → ${result.rows.train} train / ${result.rows.held} held back; ${result.rows.fittedTrain} train rows fit 1,024 tokens (${result.rows.trimmedToUsedTools} trimmed to the tools they use)`,
    `model: ${result.training.parameters.toLocaleString("en")} parameters; ${result.training.steps} steps, train loss ${result.training.trainLoss.toFixed(3)}`,
    "",
    "| held-back cases | before (random init) | after (tuned) | delta (95% CI) | p |",
    "|---|---|---|---|---:|",
    ...rows.map((row) => `| ${row.metric} | ${side(row.a)} | ${side(row.b)} | ${row.difference ? `${(row.difference.delta * 100).toFixed(1)} pts (${(row.difference.interval.low * 100).toFixed(1)} to ${(row.difference.interval.high * 100).toFixed(1)})` : "–"} | ${row.difference ? row.difference.pValue.toPrecision(2) : "–"} |`),
    "",
    ...(["before", "after"] as const).map((label) => `tool choice ${label}: ${result.toolChoice[label].calls} of ${result.toolChoice[label].answers} first answers hold a well-formed call; ${result.toolChoice[label].rightTool} of those name the right tool (chance: ${result.toolChoice[label].chance.toFixed(2)})`),
    "",
    "| stage | seconds |",
    "|---|---:|",
    ...result.stages.map((entry) => `| ${entry.stage} | ${entry.seconds.toFixed(1)} |`),
    `| **total** | ${result.stages.reduce((sum, entry) => sum + entry.seconds, 0).toFixed(1)} |`,
    "",
    `load average at the end: ${result.loadAverage.map((value) => value.toFixed(2)).join(" ")}`,
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      smoke: { type: "boolean", default: false },
      resume: { type: "boolean", default: false },
      out: { type: "string" },
      steps: { type: "string" },
      "per-tool": { type: "string" },
      "tools-per-case": { type: "string" },
      layers: { type: "string" },
      hidden: { type: "string" },
      "learning-rate": { type: "string" },
      "batch-size": { type: "string" },
      threads: { type: "string" },
      seed: { type: "string" },
    },
  });
  const smoke = values.smoke === true;
  const result = await runFinetuneDemo({
    out: values.out ?? join(".toolgate", smoke ? "finetune-smoke" : "finetune-demo"),
    smoke,
    resume: values.resume === true,
    steps: Number(values.steps ?? (smoke ? 2 : 150)),
    perTool: Number(values["per-tool"] ?? (smoke ? 2 : 30)),
    toolsPerCase: Number(values["tools-per-case"] ?? 2),
    layers: Number(values.layers ?? 2),
    hidden: Number(values.hidden ?? (smoke ? 64 : 96)),
    learningRate: Number(values["learning-rate"] ?? 3e-3),
    batchSize: Number(values["batch-size"] ?? 1),
    threads: Number(values.threads ?? 2),
    seed: Number(values.seed ?? 7),
    log: (line) => console.log(line),
  });
  console.log("");
  console.log(formatDemoResult(result));
}
