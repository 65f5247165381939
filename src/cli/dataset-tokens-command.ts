// `toolgate dataset tokens <file> --template <t> --tokenizer <t>`: per-row tokens as the target model sees them, fitted to a context.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { FitStrategy, SourceFormat, TokenCounter } from "../dataset/index.js";
import { InvalidArgumentError } from "commander";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface TokensOptions {
  template: string;
  tokenizer: string;
  maxTokens?: number;
  fit?: string;
  out?: string;
  report?: string;
  var: string[];
  json?: boolean;
  format?: string;
}

export function registerDatasetTokensCommand(datasetCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  datasetCommand
    .command("tokens <file>")
    .description("count each row's tokens with the target model's real chat template and tokenizer (what apply_chat_template gives), and fit rows to the training context")
    .requiredOption("--template <name|file>", "chat template: qwen3, toolgate-chatml, a .jinja file, or a tokenizer_config.json[#variant]")
    .requiredOption("--tokenizer <name|dir|gguf>", "tokenizer: qwen3, llama3.1, llama2 (vendored), tiktoken:<encoding|model>, a folder with tokenizer.json, or a .gguf (its own vocabulary)")
    .option("--max-tokens <n>", "the training context; rows over it go through --fit", positiveInteger)
    .option("--fit <strategies>", "comma-separated, applied in order: keep-used-tools, trim-tool-results, drop-oldest-turns, drop (default: drop)")
    .option("--out <file>", "write the kept (possibly fitted) rows here as canonical JSON Lines")
    .option("--report <file>", "write the token report (counts, histogram, every fit action and dropped row) as JSON")
    .option("--var <key=json>", "a template variable passed like apply_chat_template's kwargs, e.g. date_string='\"26 Jul 2024\"' (repeatable)", collect, [])
    .option("--format <format>", "the file's format when detection cannot tell (any `dataset import` format; canonical rows are read as they are)")
    .option("--json", "print one {\"id\",\"tokens\",\"trainedTokens\"} line per kept row (nothing else on stdout)")
    .action(async (file: string, options: TokensOptions) => {
      done(await countTokens(file, options, io));
    });
}

async function countTokens(file: string, options: TokensOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const dataset = await import("../dataset/index.js");
  const variables = Object.fromEntries(options.var.map(parseVariable));
  let counter: TokenCounter;
  let strategies: FitStrategy[] | undefined;
  try {
    const tokenizer = await dataset.openTokenizer(options.tokenizer, cwd);
    const template = dataset.loadChatTemplate(options.template, tokenizer.specialTokens, cwd);
    counter = dataset.createTokenCounter({ template, tokenizer, variables });
    strategies = options.fit === undefined ? undefined : dataset.parseFitStrategies(options.fit);
  } catch (error) {
    throw usageError((error as Error).message, error);
  }
  if (options.format !== undefined && !(dataset.sourceFormats as readonly string[]).includes(options.format)) throw usageError(`--format ${options.format} is not one of ${dataset.sourceFormats.join(", ")}`);
  const rejected: string[] = [];
  // Any source format is imported on the fly (rows it cannot import are listed, never dropped silently).
  async function* records() {
    try {
      for await (const outcome of dataset.importFile(resolve(cwd, file), options.format === undefined ? {} : { format: options.format as SourceFormat })) {
        if (outcome.record) yield outcome.record;
        else rejected.push(`${dataset.formatLocation(outcome.problem)}: ${outcome.problem.message}`);
      }
    } catch (error) {
      if (error instanceof dataset.UnknownFormatError) throw usageError(error.message, error);
      throw error;
    }
  }
  const step = dataset.runTokenStep(records(), {
    counter,
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
    ...(strategies === undefined ? {} : { strategies }),
  });
  const writer = options.out === undefined ? undefined : dataset.openJsonlWriter(resolve(cwd, options.out));
  try {
    for await (const { record, count } of step.rows) {
      if (options.json) writeLine(io.stdout, JSON.stringify({ id: count.id, tokens: count.tokens, trainedTokens: count.trainedTokens }));
      await writer?.write(record);
    }
  } finally {
    await writer?.close();
    await counter.tokenizer.dispose?.();
  }
  const report = step.report();
  if (options.report !== undefined) await writeFile(resolve(cwd, options.report), `${JSON.stringify(report, null, 2)}\n`);
  for (const problem of rejected) writeLine(io.stderr, `toolgate: not imported: ${problem}`);
  for (const problem of report.refused) writeLine(io.stderr, `toolgate: ${file}: ${problem.message}`);
  for (const dropped of report.dropped) writeLine(io.stderr, `toolgate: ${file}: row ${dropped.id} dropped: ${dropped.reason}`);
  if (!options.json) writeLine(io.stdout, dataset.formatTokenReport(report));
  return 0;
}

function parseVariable(text: string): [string, unknown] {
  const at = text.indexOf("=");
  if (at <= 0) throw usageError(`--var ${text}: expected key=<JSON value>`);
  const raw = text.slice(at + 1);
  try {
    return [text.slice(0, at), JSON.parse(raw)];
  } catch {
    // A bare word is a string: --var date_string=26\ Jul\ 2024 is what people type.
    return [text.slice(0, at), raw];
  }
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError("expected a positive whole number of tokens");
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
