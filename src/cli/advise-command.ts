// `toolgate advise <report…>`: reads evaluation reports and says which lever to pull next — prompting, retrieval,
// routing or fine-tuning — with its evidence; --recipe writes the training recipe, --run runs the confirming experiment.
import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { AdviseInput, Recommendation } from "../advise/index.js";
import { adviseReports, detectReportKind, formatAdvice } from "../advise/index.js";
import type { EvalReport } from "../eval/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface AdviseOptions {
  json?: boolean;
  recipe?: string;
  run?: boolean;
}

export function registerAdviseCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  program
    .command("advise")
    .description("read evaluation reports and say which lever to pull next (prompting, retrieval, routing, fine-tuning), with evidence and the experiment that would confirm it")
    .argument(
      "<reports...>",
      "reports of `toolgate eval run` (report.json or its --out directory), oldest first: the last is advised on, earlier runs of the same suite show what was already tried; " +
        "also `npm run bench:route -- --json` (routing strategies), `eval security --json` (attacks), `dataset verify|dedupe|leakage --json` and a bundle's manifest.json (training data), each recognised by its content",
    )
    .option("--json", "print the advice as JSON (nothing else on stdout)")
    .option("--recipe <file>", "write the first fine-tuning recommendation's `toolgate dataset build` recipe to this file")
    .option("--run", "run the first recommendation's experiment (`eval run` with the changed setting, then `eval compare`) when it needs no edit of yours")
    .action(async (reports: string[], options: AdviseOptions) => {
      done(await advise(reports, options, io));
    });
}

async function advise(paths: readonly string[], options: AdviseOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const inputs = paths.map((path) => readReport(resolve(cwd, path), path));
  const advice = adviseReports(inputs);
  if (options.json) writeLine(io.stdout, JSON.stringify(advice, null, 2));
  else io.stdout.write(formatAdvice(advice));

  if (options.recipe) {
    const withRecipe = advice.recommendations.find((recommendation) => recommendation.recipe !== undefined);
    if (!withRecipe?.recipe) throw usageError("no recommendation comes with a training recipe: none of the findings is one fine-tuning data would fix");
    writeFileSync(resolve(cwd, options.recipe), withRecipe.recipe);
    writeLine(io.stderr, `toolgate: wrote the training recipe for "${withRecipe.summary}" to ${options.recipe} (run it with toolgate dataset build ${options.recipe})`);
  }
  if (options.run) {
    const latest = inputs.filter((input) => detectReportKind(input.report) === "eval").at(-1);
    if (!latest) throw usageError("--run re-runs an evaluation: pass the eval run's report too");
    return runExperiment(advice.recommendations[0], { label: latest.label, report: latest.report as EvalReport }, io);
  }
  return 0;
}

/** Runs the experiment as the commands it prints: `eval run` on the same suite and model with the changed setting, then `eval compare`. */
async function runExperiment(recommendation: Recommendation | undefined, latest: AdviseInput, io: CliIo): Promise<number> {
  const runnable = recommendation?.experiment?.runnable;
  if (!recommendation || !runnable) {
    throw usageError(`the first recommendation (${recommendation?.lever ?? "none"}) needs a change of yours before it can be tried: make it, then run the commands it lists`);
  }
  const { suite, model } = latest.report;
  if (suite.startsWith("bfcl:")) throw usageError(`--run re-runs case files; for ${suite} run the listed commands with your --data directory`);
  const { evalRunArgs: args, out } = runnable;
  const cwd = io.cwd ?? process.cwd();
  writeLine(io.stderr, `toolgate: running the experiment: eval run ${suite} --model ${model} ${args.join(" ")} --out ${out}`);
  const ran = await toolgate(["eval", "run", suite, "--model", model, ...args, "--out", out], io, cwd);
  if (ran !== 0 && ran !== 1) return ran;
  return toolgate(["eval", "compare", latest.label, join(out, "report.json")], io, cwd);
}

/** The experiment runs as its own toolgate process, exactly as the printed commands would. */
function toolgate(args: string[], io: CliIo, cwd: string): Promise<number> {
  const bin = fileURLToPath(new URL("../../bin/toolgate.js", import.meta.url));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: io.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => io.stdout.write(chunk));
    child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise(code ?? 1));
  });
}

function readReport(path: string, shown: string): { label: string; report: unknown } {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, "report.json");
  } catch {
    throw usageError(`${shown}: no such file; pass the report of \`toolgate eval run --out <dir>\` (the directory or its report.json), or a routing, security or dataset report`);
  }
  const text = readFileSync(file, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // `npm run bench:route -- --json > file` keeps npm's banner: the report is the last line.
    const last = text.trimEnd().split("\n").at(-1) ?? "";
    try {
      parsed = JSON.parse(last);
    } catch {
      throw usageError(`${shown}: cannot read it as JSON (${(error as Error).message})`, error);
    }
  }
  if (!detectReportKind(parsed)) {
    throw usageError(
      `${shown}: not a report the advisor reads: an eval run's report.json (kind toolgate.eval-report; \`toolgate eval score\` summaries carry no per-case evidence), \`npm run bench:route -- --json\`, \`toolgate eval security --json\`, \`toolgate dataset verify|dedupe|leakage --json\`, or a bundle's manifest.json`,
    );
  }
  return { label: shown, report: parsed };
}
