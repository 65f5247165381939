// `toolgate audit list | show | verify | export`: reads the audit trail; also where every command opens the store from --audit.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import type { AuditedCall, AuditedRun, AuditEvent, AuditSigner, AuditStore, ChainedAuditStore, TraceSummary } from "../audit/index.js";
import {
  AuditConfigError,
  auditedRun,
  auditEventsToJsonl,
  callDisposition,
  defaultAuditKeyPath,
  openAuditStore,
  otlpJson,
  parseAuditStoreUrl,
  resolveAuditKey,
} from "../audit/index.js";
import { usageError } from "./cli-error.js";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { formatMs } from "./format-trace.js";
import { resolveDataDir } from "./load-tools.js";

export const auditFileName = "audit.db";

/** `sqlite:<data dir>/audit.db`: the trail sits beside the example catalog, under --data-dir / TOOLGATE_HOME / .toolgate. */
export function defaultAuditUrl(dataDir: string): string {
  return `sqlite:${join(dataDir, auditFileName)}`;
}

/** The --audit option every command that reads or writes the trail shares. */
export function auditUrlOption(): Option {
  return new Option("--audit <url>", "audit store: sqlite:<file> or postgres://… (default: sqlite:<data dir>/audit.db)");
}

/** What a command does with the trail: `write` creates the store and its key on first use; `read` and `verify` never create either. */
export type AuditAccess = "write" | "read" | "verify";

/**
 * Opens the store named by --audit (or the default under the data directory), signing with TOOLGATE_AUDIT_KEY or the
 * key file beside the store. Relative sqlite paths resolve against the working directory, like every other path flag.
 */
export async function openCliAuditStore(flag: string | undefined, dataDirFlag: string | undefined, io: CliIo, access: AuditAccess): Promise<ChainedAuditStore> {
  const cwd = io.cwd ?? process.cwd();
  const url = flag ?? defaultAuditUrl(resolveDataDir(dataDirFlag, io.env, cwd));
  let location: ReturnType<typeof parseAuditStoreUrl>;
  try {
    location = parseAuditStoreUrl(url, cwd);
  } catch (error) {
    throw usageError(`--audit: ${messageOf(error)}`, error);
  }
  if (access !== "write" && location.kind === "sqlite" && !location.memory && !existsSync(location.path)) {
    throw usageError(`no audit trail at ${location.path} yet; \`toolgate run\` records one there, or pass --audit <url> (or --data-dir) to read another`);
  }
  let signer: AuditSigner | undefined;
  try {
    signer = resolveAuditKey({ env: io.env, keyPath: defaultAuditKeyPath(url, cwd), cwd, create: access === "write" }).signer;
  } catch (error) {
    // Listing and showing need no key; writing and verifying do, and the error names where the key was looked for.
    if (access !== "read" || !(error instanceof AuditConfigError)) throw asUsage(error);
  }
  try {
    return await openAuditStore(url, { ...(signer ? { signer } : {}), cwd });
  } catch (error) {
    throw asUsage(error);
  }
}

/** Configuration mistakes (a bad URL, an unreadable key) are the invocation's fault: exit 2, message unchanged. */
function asUsage(error: unknown): unknown {
  return error instanceof AuditConfigError ? usageError(error.message, error) : error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface StoreOptions {
  audit?: string;
  dataDir?: string;
  json?: boolean;
}

export function registerAuditCommand(program: Command, io: CliIo, done: (exitCode: number) => void): Command {
  const audit = program.command("audit").description("read the audit trail: list runs, show one, verify the chain, export events or OpenTelemetry spans");
  const withStore = (command: Command) =>
    command.addOption(auditUrlOption()).option("--data-dir <dir>", "where the default audit store lives (default: $TOOLGATE_HOME, else .toolgate)");

  withStore(audit.command("list").description("recorded runs, newest first"))
    .option("--limit <n>", "runs to list at most", "20")
    .option("--since <time>", "only runs started at or after this ISO time")
    .option("--json", "print the runs as JSON")
    .action(async (options: StoreOptions & { limit: string; since?: string }) => {
      done(await withOpenStore(options, io, (store) => listRuns(store, options, io)));
    });

  withStore(audit.command("show").description("one run: each step, each call with its verdicts in order, effects and outcome"))
    .argument("<traceId>", "the trace id (or a unique prefix of it) printed after `toolgate run`")
    .option("--json", "print the run as JSON")
    .action(async (traceId: string, options: StoreOptions) => {
      done(await withOpenStore(options, io, (store) => showRun(store, traceId, options, io)));
    });

  withStore(audit.command("verify").description("check every hash link and signed checkpoint; exits 1 at the first broken link"))
    .option("--json", "print the verification report as JSON")
    .action(async (options: StoreOptions) => {
      done(await withOpenStore(options, io, (store) => verifyChain(store, options, io), "verify"));
    });

  withStore(audit.command("export").description("write events as JSON Lines, or runs as OpenTelemetry spans (OTLP/JSON)"))
    .addOption(new Option("--format <format>", "jsonl: the stored events; otel: OTLP/JSON spans (GenAI conventions)").choices(["jsonl", "otel"]).default("jsonl"))
    .option("--trace <traceId>", "only this run (or a unique prefix of its id)")
    .option("--out <file>", "write to a file instead of stdout")
    .action(async (options: StoreOptions & { format: "jsonl" | "otel"; trace?: string; out?: string }) => {
      done(await withOpenStore(options, io, (store) => exportEvents(store, options, io)));
    });
  return audit;
}

async function withOpenStore(options: StoreOptions, io: CliIo, use: (store: AuditStore) => Promise<number>, access: AuditAccess = "read"): Promise<number> {
  const store = await openCliAuditStore(options.audit, options.dataDir, io, access);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function listRuns(store: AuditStore, options: { limit: string; since?: string; json?: boolean }, io: CliIo): Promise<number> {
  const limit = Number(options.limit);
  if (!Number.isSafeInteger(limit) || limit < 1) throw usageError(`--limit takes a whole number of at least 1, e.g. --limit 20`);
  if (options.since !== undefined && Number.isNaN(Date.parse(options.since))) throw usageError(`--since ${options.since}: not a time; use ISO 8601, e.g. --since 2026-01-31T00:00:00Z`);
  const runs = await store.listTraces({ limit, ...(options.since ? { since: new Date(options.since).toISOString() } : {}) });
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(runs, null, 2));
    return exitCodes.ok;
  }
  if (runs.length === 0) {
    writeLine(io.stdout, `(no runs recorded in ${store.url})`);
    return exitCodes.ok;
  }
  writeLine(io.stdout, formatTraceTable(runs));
  return exitCodes.ok;
}

export function formatTraceTable(runs: readonly TraceSummary[]): string {
  const header = ["trace", "started", "model", "calls", "rejected", "stop"];
  const rows = runs.map((run) => [run.traceId, run.startedAt.replace("T", " ").replace(/\.\d+Z$/, "Z"), run.model ?? "-", String(run.calls), String(run.rejected), run.stopReason ?? "(unfinished)"]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const numeric = new Set([3, 4]);
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [render(header), ...rows.map(render)].join("\n");
}

/** The events of one run, by exact id or by a prefix that names exactly one recorded run. */
export async function readTraceEvents(store: AuditStore, idOrPrefix: string): Promise<{ traceId: string; events: AuditEvent[] }> {
  const exact = await store.read({ traceId: idOrPrefix });
  if (exact.length > 0) return { traceId: idOrPrefix, events: exact };
  const matches = (await store.listTraces({ limit: 100_000 })).filter((run) => run.traceId.startsWith(idOrPrefix));
  if (matches.length === 1) return { traceId: matches[0]!.traceId, events: await store.read({ traceId: matches[0]!.traceId }) };
  if (matches.length > 1) {
    throw usageError(`trace ${idOrPrefix} is ambiguous: ${matches.slice(0, 5).map((run) => run.traceId).join(", ")}${matches.length > 5 ? ", …" : ""}; give more of the id`);
  }
  throw usageError(`no run ${idOrPrefix} in ${store.url}; \`toolgate audit list\` shows the recorded runs (pass --audit if they were recorded elsewhere)`);
}

async function showRun(store: AuditStore, idOrPrefix: string, options: { json?: boolean }, io: CliIo): Promise<number> {
  const { traceId, events } = await readTraceEvents(store, idOrPrefix);
  const run = auditedRun(events, traceId);
  if (!run) throw usageError(`no run ${idOrPrefix} in ${store.url}; \`toolgate audit list\` shows the recorded runs`);
  if (options.json) {
    const { events: _events, ...view } = run;
    writeLine(io.stdout, JSON.stringify(view, null, 2));
    return exitCodes.ok;
  }
  writeLine(io.stdout, formatRun(run));
  return exitCodes.ok;
}

/** The terminal view of one recorded run. */
export function formatRun(run: AuditedRun): string {
  const lines: string[] = [];
  const started = run.started;
  const finished = run.finished?.data;
  lines.push(`trace ${run.traceId} · model ${started?.data.model ?? finished?.model ?? "?"}`);
  lines.push(
    [
      `started ${started?.at ?? "?"}`,
      finished ? `stop: ${finished.stopReason}` : "not finished on record",
      ...(finished ? [`${finished.steps} step${finished.steps === 1 ? "" : "s"}`, `${finished.calls} call${finished.calls === 1 ? "" : "s"}`, `${finished.usage.totalTokens} tokens`, `${formatMs(finished.durationMs)} ms`] : []),
    ].join(" · "),
  );
  if (started) lines.push(`input: ${started.data.input.count} message${started.data.input.count === 1 ? "" : "s"} (${started.data.input.digest})`);
  if (finished?.error) lines.push(`error: ${finished.error.message}`);
  let number = 0;
  for (const step of run.steps) {
    lines.push("");
    const model = step.model?.data;
    const exposed = step.routing?.data.exposedTools;
    lines.push(
      [
        `step ${step.step}`,
        ...(exposed ? [`${exposed.length} tool${exposed.length === 1 ? "" : "s"} exposed${step.routing?.data.routing ? ` by ${step.routing.data.routing.router}` : ""}`] : []),
        ...(model ? [`finish ${model.finishReason}`, `${model.usage.totalTokens} tokens`, `${formatMs(model.latencyMs)} ms`] : ["(no model answer on record)"]),
        ...(model ? [model.output.toolCalls.length === 0 ? "no calls" : `${model.output.toolCalls.length} call${model.output.toolCalls.length === 1 ? "" : "s"} proposed`] : []),
      ].join(" · "),
    );
    for (const call of step.calls) lines.push(...formatCall(call, ++number));
  }
  return lines.join("\n");
}

function formatCall(call: AuditedCall, number: number): string[] {
  const proposed = call.proposed?.data;
  const { status } = callDisposition(call);
  const name = proposed?.toolName ?? proposed?.name ?? call.executed?.data.toolName ?? "?";
  const lines = [`  call ${number} ${name}: ${status === "unfinished" ? "authorised, no outcome on record" : status}${proposed ? ` (id ${call.callId}, model id ${proposed.modelCallId})` : ""}`];
  if (proposed) {
    const renamed = proposed.toolName && proposed.toolName !== proposed.name ? ` (proposed as ${proposed.name})` : "";
    lines.push(`    arguments  ${typeof proposed.arguments === "string" ? abbreviate(proposed.arguments, 160) : redactedArguments(call)}${renamed}`);
    if (proposed.repairs.length > 0) lines.push(`    repaired   ${proposed.repairs.map((repair) => repair.description).join("; ")}`);
  }
  for (const verdict of call.verdicts) {
    const data = verdict.data;
    const extras = [
      data.ruleId ? `rule ${data.ruleId}` : undefined,
      data.approver ? `by ${data.approver}` : undefined,
      data.stage === "approval" && data.callDigest ? `binds ${data.callDigest.slice(0, 19)}…` : undefined,
    ].filter((part): part is string => part !== undefined);
    const reason = data.reason && !(data.outcome === "pass" && data.stage !== "decode") ? ` — ${abbreviate(data.reason, 140)}` : "";
    lines.push(`    ${`${data.stage}:`.padEnd(10)} ${data.outcome}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}${reason}`);
  }
  if (call.effects) {
    const effects = call.effects.data.effects;
    lines.push(`    effects    ${effects.length === 0 ? "none declared" : effects.map((effect) => `${effect.kind}${effect.target ? ` ${effect.target}` : ""}`).join(", ")}`);
  }
  const outcome = call.executed?.data.outcome;
  if (outcome) {
    lines.push(`    outcome    ${outcome.ok ? `ok ${abbreviate(JSON.stringify(outcome.result), 160)}` : `${outcome.error.code}: ${abbreviate(outcome.error.message, 160)}`}`);
  }
  return lines;
}

function redactedArguments(call: AuditedCall): string {
  const decoded = call.proposed?.data.decodedArguments;
  return decoded === undefined ? "[redacted]" : `${abbreviate(JSON.stringify(decoded), 160)} (sensitive fields redacted)`;
}

function abbreviate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

async function verifyChain(store: AuditStore, options: { json?: boolean }, io: CliIo): Promise<number> {
  const report = await store.verify();
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(report, null, 2));
  } else if (report.ok) {
    writeLine(io.stdout, `ok: ${report.eventsChecked} events, ${report.checkpointsChecked} checkpoints`);
  } else {
    const problem = report.firstProblem;
    writeLine(
      io.stdout,
      problem
        ? `broken: seq ${problem.seq}, ${problem.kind}: ${problem.message} (${report.eventsChecked} events checked before it)`
        : `broken: the store reported a problem it did not locate (${report.eventsChecked} events checked)`,
    );
  }
  return report.ok ? exitCodes.ok : exitCodes.runtime;
}

async function exportEvents(store: AuditStore, options: { format: "jsonl" | "otel"; trace?: string; out?: string }, io: CliIo): Promise<number> {
  const events = options.trace === undefined ? await readAll(store) : (await readTraceEvents(store, options.trace)).events;
  const text = options.format === "otel" ? `${await otlpJson(events)}\n` : auditEventsToJsonl(events);
  if (options.out === undefined) {
    io.stdout.write(text);
  } else {
    const path = resolve(io.cwd ?? process.cwd(), options.out);
    await writeFile(path, text, "utf8");
    writeLine(io.stderr, `wrote ${events.length} events${options.format === "otel" ? " as OTLP/JSON spans" : ""} to ${options.out}`);
  }
  return exitCodes.ok;
}

/** The whole chain, a page at a time so one query never holds the store for long. */
async function readAll(store: AuditStore): Promise<AuditEvent[]> {
  const pageSize = 5_000;
  const events: AuditEvent[] = [];
  let fromSeq = 0;
  for (;;) {
    const page = await store.read({ fromSeq, limit: pageSize });
    events.push(...page);
    if (page.length < pageSize) return events;
    fromSeq = page.at(-1)!.seq + 1;
  }
}
