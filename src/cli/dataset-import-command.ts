// `toolgate dataset import <files…> -o out.jsonl`: any supported format → canonical JSON Lines; every rejected row listed.
// `--format trace --capture <url> --audit <url>` builds rows from toolgate's own captured runs instead of files.
import { resolve } from "node:path";
import type { Command } from "commander";
import type { ImportOutcome } from "../dataset/index.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { usageError } from "./cli-error.js";

interface ImportFlags {
  out: string;
  format?: string;
  licence?: string;
  rejects?: string;
  json?: boolean;
  capture?: string;
  audit?: string;
  principal?: string;
  since?: string;
  until?: string;
  evalPassed?: boolean;
  allowTainted?: boolean;
}

/** A --since/--until value as a full ISO time with a zone (the stores compare them as text). */
function isoTime(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw usageError(`${flag} ${JSON.stringify(value)} is not a date or time; use e.g. ${flag} 2026-12-01 or ${flag} 2026-12-01T09:00:00Z`);
  return new Date(time).toISOString();
}

export function registerDatasetImportCommand(dataset: Command, io: CliIo, done: (code: number) => void): void {
  dataset
    .command("import")
    .description("read fine-tuning rows in any supported format and write canonical JSON Lines; rejected and repaired rows are listed")
    .argument("[files...]", "source files (JSON Lines, JSON arrays, BFCL question files, eval case YAML); none with --format trace")
    .requiredOption("-o, --out <file>", "canonical JSON Lines to write")
    .option("--format <format>", "skip detection: openai|xlam|sharegpt|hermes|glaive|messages|bfcl|eval-cases|canonical, or trace (toolgate's captured runs)")
    .option("--licence <spdx>", "licence recorded in every row's meta")
    .option("--rejects <file>", "also write the rejected rows' problems as JSON Lines")
    .option("--json", "print the summary as JSON")
    .option("--capture <url>", "--format trace: the capture store runs were recorded to with --capture")
    .option("--audit <url>", "--format trace: the audit trail of the same runs (their gate decisions decide what is kept)")
    .option("--principal <id>", "--format trace: only runs that acted for this principal")
    .option("--since <date>", "--format trace: only runs started at or after this date/time")
    .option("--until <date>", "--format trace: only runs started before this date/time")
    .option("--eval-passed", "--format trace: only runs captured by `eval run --capture` whose case passed")
    .option("--allow-tainted", "--format trace: keep runs whose calls carried values from untrusted tool results (left out by default)")
    .action(async (files: string[], options: ImportFlags) => {
      const { createImportSummary, formatLocation, importFile, importTraces, openJsonlWriter, sourceFormats } = await import("../dataset/index.js");
      if (options.format !== undefined && !(sourceFormats as readonly string[]).includes(options.format)) throw usageError(`--format ${options.format} is not one of ${sourceFormats.join(", ")}`);
      const traceFlags = (["capture", "audit", "principal", "since", "until", "evalPassed", "allowTainted"] as const).filter((flag) => options[flag] !== undefined);
      if (options.format === "trace") {
        if (files.length > 0) throw usageError(`--format trace reads the --capture and --audit stores, not files (got ${files.join(" ")})`);
        if (options.capture === undefined || options.audit === undefined) throw usageError("--format trace needs --capture <url> (the content) and --audit <url> (the gate's decisions), e.g. --capture sqlite:.toolgate/capture.db --audit sqlite:.toolgate/audit.db");
      } else {
        if (files.length === 0) throw usageError("give the source files to import (or --format trace --capture <url> --audit <url>)");
        if (traceFlags.length > 0) throw usageError(`--${traceFlags[0]!.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} only applies to --format trace`);
      }
      const since = isoTime("--since", options.since);
      const until = isoTime("--until", options.until);

      // Paths are the caller's, relative to the directory the command runs in.
      const cwd = io.cwd ?? process.cwd();
      const writer = openJsonlWriter(resolve(cwd, options.out));
      const rejects = options.rejects ? openJsonlWriter(resolve(cwd, options.rejects)) : undefined;
      const summaries = [];
      const closers: Array<() => Promise<void>> = [];
      try {
        const sources: Array<{ name: string; outcomes: () => AsyncGenerator<ImportOutcome> }> = [];
        if (options.format === "trace") {
          const { openTraceSources } = await import("./trace-sources.js");
          const stores = await openTraceSources(options.capture!, options.audit!, cwd);
          closers.push(stores.close);
          sources.push({
            name: stores.capture.url,
            outcomes: () =>
              importTraces({
                capture: stores.capture,
                audit: stores.audit,
                ...(options.licence !== undefined ? { licence: options.licence } : {}),
                ...(options.principal !== undefined ? { principal: options.principal } : {}),
                ...(since !== undefined ? { since } : {}),
                ...(until !== undefined ? { until } : {}),
                ...(options.evalPassed ? { evalPassed: true } : {}),
                ...(options.allowTainted ? { allowTainted: true } : {}),
              }),
          });
        } else {
          for (const file of files) {
            const importOptions: Parameters<typeof importFile>[1] = {};
            if (options.format !== undefined) importOptions.format = options.format as NonNullable<typeof importOptions.format>;
            if (options.licence !== undefined) importOptions.licence = options.licence;
            sources.push({ name: file, outcomes: () => importFile(resolve(cwd, file), importOptions) });
          }
        }
        for (const source of sources) {
          const summary = createImportSummary(source.name);
          for await (const outcome of source.outcomes()) {
            summary.add(outcome);
            if (outcome.record) await writer.write(outcome.record);
            else await rejects?.write(outcome.problem);
          }
          summaries.push(summary);
        }
      } finally {
        await writer.close();
        await rejects?.close();
        for (const close of closers) await close();
      }
      const rejectedByKind = (problems: Array<{ kind: string }>) => {
        const counts: Record<string, number> = {};
        for (const problem of problems) counts[problem.kind] = (counts[problem.kind] ?? 0) + 1;
        return counts;
      };
      if (options.json) {
        writeLine(io.stdout, JSON.stringify(summaries.map(({ problems, ...rest }) => ({ ...rest, rejectedByKind: rejectedByKind(problems), problems: problems.slice(0, 100) })), null, 2));
      } else {
        for (const summary of summaries) {
          writeLine(io.stdout, `${summary.file}: ${summary.imported} imported, ${summary.rejected} ${options.format === "trace" ? "left out" : "rejected"}, ${summary.repairedRows} repaired`);
          for (const [kind, count] of Object.entries(summary.repairs)) writeLine(io.stdout, `  repaired ${kind}: ${count}`);
          if (options.format === "trace") for (const [kind, count] of Object.entries(rejectedByKind(summary.problems))) writeLine(io.stdout, `  left out ${kind}: ${count}`);
          for (const problem of summary.problems.slice(0, 50)) writeLine(io.stderr, `  rejected ${formatLocation(problem)}: ${problem.kind}: ${problem.message}`);
          if (summary.problems.length > 50) writeLine(io.stderr, `  … ${summary.problems.length - 50} more rejected rows${options.rejects ? ` (all in ${options.rejects})` : " (--rejects <file> lists all)"}`);
        }
      }
      writeLine(io.stderr, `wrote ${writer.count} rows to ${options.out}`);
      done(0);
    });
}
