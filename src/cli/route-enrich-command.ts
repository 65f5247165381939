// `toolgate route enrich --from <cases>`: learns example requests per tool from evaluation cases (train split only) and writes them as JSON.
import { writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { CaseFileError, loadCaseFile } from "../eval/index.js";
import type { QueryToolPair } from "../route/index.js";
import { enrichFromCases, pairsFromEvalCases, splitCases } from "../route/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface EnrichOptions {
  from: string;
  out: string;
  split: number;
  json?: boolean;
}

/** One request and every tool it expects: the split's unit, so a request's tools never straddle train and held-out. */
interface Request {
  query: string;
  tools: string[];
}

const defaultTrainShare = 0.8;

export function registerRouteEnrichCommand(route: Command, io: CliIo, done: (exitCode: number) => void): void {
  route
    .command("enrich")
    .description("learn example requests per tool from evaluation cases, for --examples (train split only; the held-out requests are for measuring)")
    .requiredOption("--from <cases>", "an evaluation case file (.yaml, .yml, .json, .jsonl): each case's user request → the tools it expects")
    .option("--out <file>", "where the example map goes", "examples.json")
    .addOption(
      new Option("--split <train=share>", "share of requests used as examples, the rest held out (deterministic, by request text)")
        .argParser(trainShare)
        .default(defaultTrainShare, `train=${defaultTrainShare}`),
    )
    .option("--json", "print the summary, held-out requests included, as JSON (nothing else on stdout)")
    .action((_options: EnrichOptions, command: Command) => {
      // `route` has a --json of its own and parses its options first, so the flag may land there: read both levels.
      done(enrich(command.optsWithGlobals<EnrichOptions>(), io));
    });
}

function enrich(options: EnrichOptions, io: CliIo): number {
  const cwd = io.cwd ?? process.cwd();
  if (/^(sqlite:|postgres(ql)?:\/\/)/.test(options.from)) {
    // The recorder keeps prompts as digests (they can hold personal data), so there is no request text to learn from.
    throw usageError(
      "--from names an audit store, but the audit trail records requests by digest only, so it holds no request text to learn from; " +
        "enrich from an evaluation case file (--from cases.yaml), or in code pass the Traces runAgent returns through casesFromTraces and enrichFromCases",
    );
  }
  let cases;
  try {
    cases = loadCaseFile(resolve(cwd, options.from));
  } catch (error) {
    throw error instanceof CaseFileError ? usageError(error.message, error) : error;
  }
  const { pairs, skipped } = pairsFromEvalCases(cases);
  const requests = groupByRequest(pairs);
  const heldOutShare = Math.round((1 - options.split) * 1e9) / 1e9;
  const { train, heldOut } = splitCases(requests, { key: requestKey, heldOut: heldOutShare });
  const examples = enrichFromCases(train.flatMap((request) => request.tools.map((tool) => ({ query: request.query, tool }))));
  // Sorted tool names: the same cases give the same file, whatever order the cases were written in.
  const sorted: Record<string, readonly string[]> = {};
  for (const tool of Object.keys(examples).sort()) Object.defineProperty(sorted, tool, { value: examples[tool], enumerable: true });
  const outPath = resolve(cwd, options.out);
  try {
    writeFileSync(outPath, `${JSON.stringify(sorted, null, 2)}\n`);
  } catch (error) {
    throw usageError(`--out ${options.out}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pick a writable path`, error);
  }

  const counts = Object.entries(sorted).map(([tool, list]) => ({ tool, examples: list.length }));
  const exampleCount = counts.reduce((sum, row) => sum + row.examples, 0);
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({
      from: options.from,
      out: outPath,
      split: { train: options.split },
      cases: cases.length,
      skipped,
      train: { requests: train.length, examples: exampleCount, perTool: Object.fromEntries(counts.map((row) => [row.tool, row.examples])) },
      heldOut: { requests: heldOut.length, items: heldOut },
    }, null, 2));
    return 0;
  }
  writeLine(io.stdout, `read ${plural(cases.length, "case")} from ${options.from}: ${plural(requests.length, "request")} with an expected tool${skipped.length > 0 ? `, ${plural(skipped.length, "case")} skipped (${skipReasons(skipped)})` : ""}`);
  writeLine(io.stdout, `split train=${options.split} by request text: ${plural(train.length, "request")} give examples, ${heldOut.length} held out (never used as examples; measure routing on them)`);
  writeLine(io.stdout);
  writeLine(io.stdout, formatCounts(counts));
  writeLine(io.stdout);
  const shown = relative(cwd, outPath) || outPath;
  writeLine(io.stdout, `wrote ${exampleCount} examples for ${counts.length} tools to ${shown}; use them with --examples ${shown} on route, run, chat or eval run`);
  return 0;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function requestKey(request: Request): string {
  return request.query.toLowerCase();
}

/** Same request (whitespace and case aside) from several cases: one request, its tools unioned in first-seen order. */
function groupByRequest(pairs: readonly QueryToolPair[]): Request[] {
  const byKey = new Map<string, Request>();
  for (const pair of pairs) {
    const query = pair.query.trim().replace(/\s+/g, " ");
    const key = query.toLowerCase();
    const request = byKey.get(key) ?? { query, tools: [] };
    if (!request.tools.includes(pair.tool)) request.tools.push(pair.tool);
    byKey.set(key, request);
  }
  return [...byKey.values()];
}

function skipReasons(skipped: ReadonlyArray<{ reason: string }>): string {
  const counts = new Map<string, number>();
  for (const { reason } of skipped) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${count} ${reason}`).join("; ");
}

function formatCounts(rows: ReadonlyArray<{ tool: string; examples: number }>): string {
  if (rows.length === 0) return "(no examples: every request was held out or skipped)";
  const width = Math.max(4, ...rows.map((row) => row.tool.length));
  return [`${"tool".padEnd(width)}  examples`, ...rows.map((row) => `${row.tool.padEnd(width)}  ${row.examples}`)].join("\n");
}

function trainShare(value: string): number {
  const match = /^train=(\d*\.?\d+)$/.exec(value.trim());
  const share = match ? Number(match[1]) : Number.NaN;
  if (!(share > 0 && share <= 1)) throw new InvalidArgumentError("--split takes train=<share>, a share above 0 and at most 1 of the requests to learn from, e.g. --split train=0.8");
  return share;
}
