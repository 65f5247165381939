// `npm run demo:finetune`: the fine-tuning loop for real on this machine, timed stage by stage — traces in, a model out.
//   example clinic (catalog database, grown) → requests with ground-truth calls, a held-back share set aside as eval
//   cases → a scripted teacher drives `toolgate run --capture` through the real gate, policy, audit trail and capture
//   → dataset build (import-traces: passed calls only, denied/paused/failed runs left out, error recovery kept; verify,
//   value-swap augment, dedupe, leakage against the held-back cases) → used tools + distractors per row → dataset tokens (fit) → dataset
//   bundle (TRL, manifest signed) → a tiny random Llama (Llama 2 tokenizer) → train.py (TRL, CPU) → serve before and
//   after on loopback → toolgate eval run on the held-back cases for both → eval compare.
// Node drives and measures; Python only builds, trains and serves the model (toolgate never trains inside Node).
//   npx tsx demo/finetune/run-demo.ts [--smoke] [--out dir] [--steps n] [--per-tool n] [--held-share x] [--customers n]
//   [--appointments n] [--tools-per-case n] [--variants n] [--hidden n] [--heads n] [--layers n] [--learning-rate x] [--batch-size n] [--threads n]
//   [--seed n] [--resume]; training progress: <out>/train.log
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { main as toolgate } from "../../src/cli/main.js";
import type { DatasetRecord } from "../../src/dataset/index.js";
import { readRecords, runRecipe, seededRandom, vendoredTokenizerDirectory, writeJsonLines } from "../../src/dataset/index.js";
import { openCaptureStore } from "../../src/capture/index.js";
import { demoSystemPrompt, generateCatalogCases, privilegedCatalogTools } from "./catalog-cases.js";
import type { CompactTool } from "./catalog-cases.js";
import { prepareClinic } from "./clinic.js";
import { startModelServer } from "./model-server.js";
import { offerTools } from "./offer-tools.js";
import type { TeacherScript } from "./teacher-server.js";
import { startTeacher } from "./teacher-server.js";

export interface DemoOptions {
  out: string;
  /** Few steps, few cases, short generations: proves the loop runs, not that the model learns. */
  smoke: boolean;
  /** Keep `out` and skip the stages an earlier run finished (recorded in <out>/stages.json). */
  resume?: boolean;
  steps: number;
  /** Requests per catalog tool (training and held back together). */
  perTool: number;
  /** Share of each tool's requests held back for evaluation. */
  heldShare: number;
  /** Customers and booked appointments added to the catalog's seeded clinic. */
  customers: number;
  appointments: number;
  toolsPerCase: number;
  /** Value-swap variants per training row (the recipe's augment step); 0 leaves the traced rows as they are. */
  variants: number;
  layers: number;
  hidden: number;
  /** Attention heads per layer: copying a value from the prompt takes a head that finds it and one that reads it. */
  heads: number;
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
  rows: {
    requests: number;
    traced: number;
    imported: number;
    leftOut: Record<string, number>;
    afterVerify: number;
    afterAugment: number;
    afterDedupe: number;
    leakage: { evalItems: number; leaking: number };
    train: number;
    errorRecovery: number;
    held: number;
    fittedTrain: number;
    trimmedToUsedTools: number;
  };
  training: { steps: number; trainLoss: number; parameters: number; curve?: { epoch: number; loss: number; tokenAccuracy: number; learningRate: number }[] };
  comparison: unknown;
  /** Per model, among its held-back answers with a well-formed call: how often the right tool, against 1 / tools offered. */
  toolChoice: Record<"before" | "after", { answers: number; calls: number; rightTool: number; chance: number }>;
  loadAverage: number[];
}

const here = fileURLToPath(new URL(".", import.meta.url));
const python = process.env.PYTHON ?? "python3";
// One line per tool instead of its JSON Schema: rows 2.3x shorter (cheaper steps), and the prompt's ids and digits are
// the user's, not a date regex's or an example id's (a random-init model has to learn to copy them from there).
const template = "toolgate-compact";
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

/** Streams for a CLI run whose output nobody reads (the traces stage runs hundreds). */
function quietIo() {
  return { stdin: new PassThrough(), stdout: new PassThrough().resume(), stderr: new PassThrough().resume(), env: process.env, cwd: process.cwd() };
}

/** The tool definitions the captured runs showed the model, by name. */
async function toolsShown(captureUrl: string, cwd: string): Promise<Map<string, CompactTool>> {
  const capture = await openCaptureStore(captureUrl, { cwd, readOnly: true });
  try {
    const shown = new Map<string, CompactTool>();
    for (const trace of await capture.list({})) for (const tool of trace.tools) shown.set(tool.name, { name: tool.name, description: tool.description ?? "", parameters: tool.inputSchema as Record<string, unknown> });
    return shown;
  } finally {
    await capture.close();
  }
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

  // 1. The clinic: the example catalog's database in the demo's data folder, grown to a practice whose customers,
  // slots and appointments the requests name (so the calls succeed) and vary (so values must be copied, not remembered).
  const dataDir = join(out, "toolgate-data");
  mkdirSync(dataDir, { recursive: true });
  const clinic = await stage("clinic (example catalog database, grown)", () => {
    const values = prepareClinic({ dataDir, customers: options.customers, appointments: options.appointments, seed: options.seed });
    log(`  ${values.customerIds.length} active customers, ${values.freeSlotIds.length} free slots, ${values.bookedAppointmentIds.length} booked appointments`);
    return values;
  });

  // 2. Requests over the clinic with their ground-truth calls; a seeded share of each tool's requests is held back
  // before anything is traced, and becomes the evaluation set.
  const casesFile = join(out, "requests.jsonl");
  const requests = await stage("requests (held-back share set aside)", () => {
    const generated = generateCatalogCases({ perTool: options.perTool, toolsPerCase: options.toolsPerCase, seed: options.seed, values: clinic, withoutMaskedValues: true });
    const next = seededRandom(options.seed + 1);
    const held = new Set<string>();
    // Privileged tools pause every run for a person's approval; a run approved and resumed later is not re-captured
    // (the capture keeps the paused content), so their requests are all traced, for the importer to leave out, and
    // none is held back: the evaluation covers the tools the traces can teach.
    const paused = new Set(privilegedCatalogTools());
    for (const tool of new Set(generated.map((entry) => entry.category).filter((name) => !paused.has(name ?? "")))) {
      const ids = generated.filter((entry) => entry.category === tool).map((entry) => ({ id: entry.id, key: next() })).sort((a, b) => a.key - b.key);
      for (const { id } of ids.slice(0, Math.max(1, Math.round(ids.length * options.heldShare)))) held.add(id);
    }
    writeFileSync(casesFile, generated.map((entry) => JSON.stringify(entry)).join("\n") + "\n");
    const train = generated.filter((entry) => !held.has(entry.id));
    log(`  ${generated.length} requests over ${new Set(generated.map((entry) => entry.category)).size} tools; ${train.length} to trace, ${held.size} held back`);
    return { train, held: generated.filter((entry) => held.has(entry.id)) };
  });

  // 3. Traces: the scripted teacher (the trace generator, never evaluated) proposes each training request's ground-truth
  // call; `toolgate run` executes it on the catalog through the real gate, policy, audit trail and content capture.
  // Every eighth request first gets a misspelled argument name, so the gate's structured error and the corrected call
  // make error-recovery rows. Privileged calls wait for an approval (--approvals store) and the importer leaves them out.
  const captureUrl = `sqlite:${join(dataDir, "capture.db")}`;
  const auditUrl = `sqlite:${join(dataDir, "audit.db")}`;
  const traced = await stage("traces (teacher → toolgate run --capture, real gate)", async () => {
    const scripts = new Map<string, TeacherScript>();
    requests.train.forEach((entry, index) => {
      const [name, parameters] = Object.entries(entry.expect.calls![0]!)[0]!;
      scripts.set(entry.messages![0]!.content, { call: { name, arguments: Object.fromEntries(Object.entries(parameters).map(([key, allowed]) => [key, allowed[0]])) }, slip: index % 8 === 7 });
    });
    const teacher = await startTeacher(scripts);
    const runs = { ok: 0, failed: 0 };
    const approvalsUrl = `sqlite:${join(dataDir, "approvals.db")}`;
    try {
      for (const [text, script] of scripts) {
        const code = await toolgate(["run", text, "--model", teacher.modelSpec, "--data-dir", dataDir, "--capture", captureUrl, "--audit", auditUrl, "--approvals", approvalsUrl, "--system", demoSystemPrompt, "--max-steps", script.slip ? "2" : "1"], quietIo());
        runs[code === 0 ? "ok" : "failed"] += 1;
      }
    } finally {
      await teacher.close();
    }
    log(`  ${scripts.size} runs (${runs.failed} exited non-zero); teacher: ${JSON.stringify(teacher.counts)}`);
    return { runs: scripts.size, ...runs, teacher: teacher.counts };
  });

  // The held-back requests become eval cases offering the tools exactly as the captured runs showed them.
  const heldCasesFile = join(out, "held-cases.jsonl");
  const shownTools = await toolsShown(captureUrl, dataDir);
  // The generator offers CompactTool objects; each is replaced by the definition the captured runs showed.
  const asShown = (tool: unknown) => shownTools.get((tool as CompactTool).name) ?? tool;
  writeFileSync(heldCasesFile, requests.held.map((entry) => JSON.stringify({ ...entry, tools: (entry.tools ?? []).map(asShown) })).join("\n") + "\n");
  log(`  held back → ${requests.held.length} eval cases (${heldCasesFile})`);

  // 4. dataset build: import-traces (only runs the gate passed; error recovery kept) → verify --fix → augment → dedupe →
  // leakage against the held-back cases (13-gram rule + MinHash); the report goes into the bundle's manifest.
  const recipeFile = join(out, "recipe.yaml");
  const build = await stage("dataset build (import-traces, verify, dedupe, leakage)", async () => {
    writeFileSync(recipeFile, [
      "name: catalog-traces-finetune-demo",
      `seed: ${options.seed}`,
      "out: build",
      "steps:",
      `  - import-traces: { capture: ${JSON.stringify(captureUrl)}, audit: ${JSON.stringify(auditUrl)}, licence: proprietary }`,
      "  - verify: { fix: true }",
      // Values the user typed, swapped for fresh ones in each variant: a value is then (almost) never seen twice, so
      // the model has to copy it from the request; before dedupe and leakage, which check the variants as any row.
      ...(options.variants > 0 ? [`  - augment: { variants: ${options.variants} }`] : []),
      "  - dedupe: { threshold: 0.8 }",
      `  - leakage: { eval: [${JSON.stringify(heldCasesFile)}] }`,
      "",
    ].join("\n"));
    const context = await runRecipe(recipeFile, { log: (line) => log(`  ${line}`) });
    await writeJsonLines(join(out, "train.jsonl"), context.records);
    const report = (step: string) => (context.reports.find((entry) => entry.step === step)?.report ?? {}) as Record<string, unknown>;
    const imported = report("import-traces");
    return {
      imported: Number(imported.imported ?? 0),
      leftOut: (imported.leftOut ?? {}) as Record<string, number>,
      afterVerify: Number(report("verify").rowsAfter ?? 0),
      afterAugment: Number(report("augment").rowsAfter ?? report("verify").rowsAfter ?? 0),
      afterDedupe: Number(report("dedupe").kept ?? 0),
      leakage: { evalItems: Number(report("leakage").evalItems ?? 0), leaking: ((report("leakage").leaking ?? []) as unknown[]).length },
      train: context.records.length,
      errorRecovery: context.records.filter((row) => row.meta.category === "error-recovery").length,
    };
  });

  // 5. Each training row offers its used tools plus seeded distractors from the tools its run showed, as many as the
  // held-back cases offer (the whole catalog's schemas would not fit the context; `dataset tokens` then checks the fit).
  const offeredFile = join(out, "train.offered.jsonl");
  const offered: DatasetRecord[] = [];
  for await (const row of readRecords(join(out, "train.jsonl"))) offered.push(offerTools(row, options.toolsPerCase, options.seed));
  await writeJsonLines(offeredFile, offered);

  // 6. dataset tokens: count with the training template and tokenizer; rows over the context keep only the tools they use.
  const maxTokens = 1536;
  const fittedFile = join(out, "train.fitted.jsonl");
  const tokenReportFile = join(out, "tokens.json");
  await stage("dataset tokens (count, fit to context)", () => cli(["dataset", "tokens", offeredFile, "--template", template, "--tokenizer", tokenizerName, "--max-tokens", String(maxTokens), "--fit", "keep-used-tools,drop", "--out", fittedFile, "--report", tokenReportFile], log));
  const fitted: DatasetRecord[] = [];
  for await (const row of readRecords(fittedFile)) fitted.push(row);
  const trimmed = fitted.filter((row) => JSON.stringify(row.meta).includes("keep-used-tools")).length;

  // 7. dataset bundle: the TRL folder (full fine-tuning: LoRA on a random init has nothing to adapt), manifest signed
  // with the audit key of the trail the traces were read from, and recorded in it.
  const baseModel = join(out, "base-model");
  const bundleDir = join(out, "bundles");
  await stage("dataset bundle (TRL)", () => cli(["dataset", "bundle", fittedFile, "--trainer", "trl", "--out", bundleDir, "--template", template, "--tokenizer", tokenizerName, "--max-tokens", String(maxTokens), "--base-model", baseModel, "--cpu", "--no-lora", "--max-steps", String(options.steps), "--learning-rate", String(options.learningRate), "--batch-size", String(options.batchSize), "--provenance", join(out, "build", "report.json"), "--data-dir", dataDir], log));
  const trlDir = join(bundleDir, "trl");

  // 8. The base: a tiny random Llama around the vendored Llama 2 tokenizer (32k vocabulary).
  const parameters = await stage("base model (random init)", () => {
    const printed = runPython([join(here, "make_tiny_model.py"), vendoredTokenizerDirectory(tokenizerName), baseModel, "--layers", String(options.layers), "--hidden", String(options.hidden), "--heads", String(options.heads), "--seed", String(options.seed)], log, options.threads, join(out, "python.log"));
    return Number(printed.trim().split("\n").at(-1));
  });

  // 9. Train with the bundle's own train.py, as its README says.
  const tunedModel = join(out, "tuned-model");
  const training = await stage(`train (TRL SFT, ${options.steps} steps, CPU, ${options.threads} threads)`, () => {
    const printed = runPython([join(trlDir, "train.py"), "--model", baseModel, "--output-dir", tunedModel, "--max-steps", String(options.steps)], log, options.threads, join(out, "train.log"));
    const summary = JSON.parse(printed.trim().split("\n").at(-1) ?? "{}") as { train_loss?: number; steps?: number };
    // The Trainer prints its logging dicts ({'loss': '2.1', 'mean_token_accuracy': '0.4', 'epoch': '1.2', …}) on stdout.
    const curve = printed.split("\n").filter((line) => /^\{'loss'/.test(line.trim())).map((line) => {
      const field = (name: string) => Number(new RegExp(`'${name}': '?([-\\d.e]+)`).exec(line)?.[1] ?? Number.NaN);
      return { epoch: field("epoch"), loss: field("loss"), tokenAccuracy: field("mean_token_accuracy"), learningRate: field("learning_rate") };
    });
    writeFileSync(join(out, "train-curve.json"), `${JSON.stringify(curve, null, 1)}\n`);
    for (const point of curve) log(`  epoch ${point.epoch.toFixed(2)}  loss ${point.loss.toFixed(3)}  trained-token accuracy ${point.tokenAccuracy.toFixed(3)}`);
    log(`  train_loss ${summary.train_loss?.toFixed(3)} after ${summary.steps} steps`);
    return { steps: summary.steps ?? 0, trainLoss: summary.train_loss ?? Number.NaN, parameters, curve };
  });

  // 10. Serve each model on loopback and run the held-back cases through toolgate's agent loop and gate.
  const runs = { before: join(out, "runs", "before", "report.json"), after: join(out, "runs", "after", "report.json") };
  for (const [label, model] of [["before", baseModel], ["after", tunedModel]] as const) {
    await stage(`serve + eval run (${label})`, async () => {
      const server = await startModelServer({ python, script: join(here, "serve_model.py"), model, chatTemplate: join(trlDir, "chat_template.jinja"), maxNewTokens: options.smoke ? 24 : 64, threads: options.threads, logRequests: join(out, `requests-${label}.jsonl`) });
      try {
        await cli(["eval", "run", heldCasesFile, "--model", `openai-compatible:${server.url}#${label}`, "--out", join(out, "runs", label), "--no-cache", "--concurrency", "1"], log);
      } finally {
        await server.stop();
      }
    });
  }

  // 11. eval compare: deltas with 95% intervals and a significance test.
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
    rows: { requests: requests.train.length + requests.held.length, traced: traced.runs, imported: build.imported, leftOut: build.leftOut, afterVerify: build.afterVerify, afterAugment: build.afterAugment, afterDedupe: build.afterDedupe, leakage: build.leakage, train: build.train, errorRecovery: build.errorRecovery, held: requests.held.length, fittedTrain: fitted.length, trimmedToUsedTools: trimmed },
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
    `rows: ${result.rows.requests} requests, ${result.rows.held} held back; ${result.rows.traced} traced runs → ${result.rows.imported} imported (left out: ${Object.entries(result.rows.leftOut).map(([kind, count]) => `${count} ${kind}`).join(", ") || "none"}) → ${result.rows.afterVerify} after verify → ${result.rows.afterAugment} with value-swap variants → ${result.rows.afterDedupe} after dedupe → ${result.rows.train} after leakage (${result.rows.leakage.leaking} leaking rows of ${result.rows.leakage.evalItems} held-back items removed; ${result.rows.errorRecovery} error-recovery rows); ${result.rows.fittedTrain} fit 1,536 tokens (${result.rows.trimmedToUsedTools} trimmed to the tools they use)`,
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
      "held-share": { type: "string" },
      customers: { type: "string" },
      appointments: { type: "string" },
      "tools-per-case": { type: "string" },
      variants: { type: "string" },
      layers: { type: "string" },
      hidden: { type: "string" },
      heads: { type: "string" },
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
    steps: Number(values.steps ?? (smoke ? 2 : 300)),
    perTool: Number(values["per-tool"] ?? (smoke ? 4 : 80)),
    heldShare: Number(values["held-share"] ?? 0.15),
    customers: Number(values.customers ?? 300),
    appointments: Number(values.appointments ?? 60),
    toolsPerCase: Number(values["tools-per-case"] ?? 2),
    variants: Number(values.variants ?? (smoke ? 1 : 3)),
    layers: Number(values.layers ?? 2),
    hidden: Number(values.hidden ?? 128),
    heads: Number(values.heads ?? 8),
    learningRate: Number(values["learning-rate"] ?? 5e-3),
    batchSize: Number(values["batch-size"] ?? 1),
    threads: Number(values.threads ?? 1),
    seed: Number(values.seed ?? 7),
    log: (line) => console.log(line),
  });
  console.log("");
  console.log(formatDemoResult(result));
}
