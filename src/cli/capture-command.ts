// `toolgate capture list|prune`: the content capture store's own listing and retention (the audit trail keeps its own).
import type { Command } from "commander";
import type { CaptureStore } from "../capture/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { parseRetentionAge } from "./audit-prune.js";

async function openCapture(url: string | undefined, io: CliIo, readOnly: boolean): Promise<CaptureStore> {
  if (url === undefined) throw usageError("give the capture store: --capture sqlite:<file> or postgres://…?schema=name (the one runs were recorded to with --capture)");
  const { CaptureStoreError, openCaptureStore } = await import("../capture/index.js");
  try {
    return await openCaptureStore(url, { cwd: io.cwd ?? process.cwd(), readOnly });
  } catch (error) {
    throw error instanceof CaptureStoreError ? usageError(`--capture: ${error.message}`, error) : error;
  }
}

/** The cutoff from exactly one of --older-than <age> and --before <date>, never in the future. */
function cutoff(flags: { olderThan?: string; before?: string }, now: Date): string {
  if ((flags.olderThan === undefined) === (flags.before === undefined)) throw usageError("capture prune needs exactly one of --older-than <age> (e.g. 30d) and --before <date> (e.g. 2026-01-01T00:00:00Z)");
  if (flags.olderThan !== undefined) return new Date(now.getTime() - parseRetentionAge(flags.olderThan)).toISOString();
  const ms = Date.parse(flags.before!);
  if (Number.isNaN(ms)) throw usageError(`--before ${flags.before}: not a date or time; use e.g. --before 2026-01-01T00:00:00Z`);
  if (ms > now.getTime()) throw usageError(`--before ${flags.before} is in the future, which would remove every captured run; give a past time, or --older-than <age>`);
  return new Date(ms).toISOString();
}

export function registerCaptureCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const capture = program.command("capture").description("content captured with --capture (messages, tools shown; sensitive values masked): list it, prune it by age");
  capture
    .command("list")
    .description("list captured runs, oldest first")
    .requiredOption("--capture <url>", "the capture store")
    .option("--json", "print them as JSON")
    .action(async (options: { capture: string; json?: boolean }) => {
      const store = await openCapture(options.capture, io, true);
      try {
        const traces = await store.list();
        if (options.json) {
          writeLine(io.stdout, JSON.stringify(traces.map(({ messages, tools, steps, ...rest }) => ({ ...rest, messages: messages.length, tools: tools.length, steps: steps.length })), null, 2));
        } else {
          for (const trace of traces) {
            writeLine(io.stdout, `${trace.startedAt}  ${trace.traceId}  ${trace.source}  ${trace.messages.length} messages  ${trace.tools.length} tools${trace.redactions > 0 ? `  ${trace.redactions} masked` : ""}${trace.evalCase ? `  eval ${trace.evalCase.id} ${trace.evalCase.passed ? "passed" : "failed"}` : ""}`);
          }
          writeLine(io.stderr, `${traces.length} captured run${traces.length === 1 ? "" : "s"} in ${store.url}`);
        }
      } finally {
        await store.close();
      }
      done(0);
    });
  capture
    .command("prune")
    .description("remove captured runs that started before a cutoff (the capture store's own retention; the audit trail is pruned with `toolgate audit prune`)")
    .requiredOption("--capture <url>", "the capture store")
    .option("--older-than <age>", "remove runs older than this: a number and a unit (s, m, h, d, w), e.g. 30d")
    .option("--before <date>", "remove runs that started before this date/time")
    .option("--json", "print the result as JSON")
    .action(async (options: { capture: string; olderThan?: string; before?: string; json?: boolean }) => {
      const before = cutoff(options, new Date());
      const store = await openCapture(options.capture, io, false);
      try {
        const { removed } = await store.prune({ before });
        if (options.json) writeLine(io.stdout, JSON.stringify({ store: store.url, before, removed }, null, 2));
        else writeLine(io.stdout, `removed ${removed} captured run${removed === 1 ? "" : "s"} started before ${before} from ${store.url}`);
      } finally {
        await store.close();
      }
      done(0);
    });
}
