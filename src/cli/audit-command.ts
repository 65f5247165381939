// `toolgate audit list | show | verify | export | prune | key | head`: the audit trail's commands; also where every command opens the store from --audit.
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import type { AuditedCall, AuditedRun, AuditEventType, AuditSigner, AuditStore, AuditVerifier, ChainedAuditStore, ResolvedAuditKey, TraceSummary } from "../audit/index.js";
import { AuditConfigError, auditedRun, callDisposition, defaultAuditKeyPath, openAuditStore, resolveAuditKey } from "../audit/index.js";
import { parseStoreUrl } from "../store/index.js";
import type { ContextBudget } from "../record/index.js";
import { collectEventTypes, exportEvents, selectExportEvents } from "./audit-export.js";
import { pruneTrail, retentionCutoff } from "./audit-prune.js";
import type { PublishedHead } from "./audit-published-head.js";
import { checkPublishedHead, readPublishedHead } from "./audit-published-head.js";
import { printAuditHead, printAuditKey } from "./audit-publish.js";
import { readTraceEvents } from "./audit-trace.js";
import type { PublicKeyVerifier } from "./audit-verify-key.js";
import { auditPublicKeyEnvVar, publicKeyVerifier } from "./audit-verify-key.js";
import { usageError } from "./cli-error.js";
import { exitCodes } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { formatMs } from "./format-trace.js";
import { defaultAuditUrl, resolveDataDir } from "../runtime/index.js";

export { readTraceEvents } from "./audit-trace.js";

/** The --audit option every command that reads or writes the trail shares. */
export function auditUrlOption(): Option {
  return new Option("--audit <url>", "audit store: sqlite:<file> or postgres://… (default: sqlite:<data dir>/audit.db)");
}

/**
 * What a command does with the trail: `write` creates the store and its key on first use; `read`, `verify` and
 * `prune` never create either, and `verify` and `prune` need the key.
 */
export type AuditAccess = "write" | "read" | "verify" | "prune";

/** The store URL from --audit, else the default under --data-dir / TOOLGATE_HOME / .toolgate. */
export function cliAuditUrl(flag: string | undefined, dataDirFlag: string | undefined, io: CliIo): string {
  return flag ?? defaultAuditUrl(resolveDataDir(dataDirFlag, io.env, io.cwd ?? process.cwd()));
}

/**
 * Opens the store named by --audit (or the default under the data directory), signing with TOOLGATE_AUDIT_KEY or the
 * key file beside the store. Relative sqlite paths resolve against the working directory, like every other path flag.
 * With `verifier` (an auditor's public keys) a `verify` opens the store without any private key and writes nothing.
 */
export async function openCliAuditStore(
  flag: string | undefined,
  dataDirFlag: string | undefined,
  io: CliIo,
  access: AuditAccess,
  keys: { verifier?: AuditVerifier } = {},
): Promise<ChainedAuditStore> {
  const cwd = io.cwd ?? process.cwd();
  const url = cliAuditUrl(flag, dataDirFlag, io);
  let location: ReturnType<typeof parseStoreUrl>;
  try {
    location = parseStoreUrl(url, cwd, "audit store");
  } catch (error) {
    throw usageError(`--audit: ${messageOf(error)}`, error);
  }
  if (access !== "write" && location.kind === "sqlite" && !location.memory && !existsSync(location.path)) {
    throw usageError(`no audit trail at ${location.path} yet; \`toolgate run\` records one there, or pass --audit <url> (or --data-dir) to read another`);
  }
  if (access === "verify" && keys.verifier !== undefined) {
    try {
      return await openAuditStore(url, { verifier: keys.verifier, cwd });
    } catch (error) {
      throw asUsage(error);
    }
  }
  let signer: AuditSigner | undefined;
  try {
    signer = resolveAuditKey({ env: io.env, keyPath: defaultAuditKeyPath(url, cwd), cwd, create: access === "write" }).signer;
  } catch (error) {
    // Listing and showing need no key; writing and verifying do, and the error names where the key was looked for.
    if (access === "verify" && error instanceof AuditConfigError) {
      throw usageError(`${error.message}; an auditor without the private key passes --public-key <pem file> (printed on the signing host by \`toolgate audit key --public\`)`, error);
    }
    if (access !== "read" || !(error instanceof AuditConfigError)) throw asUsage(error);
  }
  try {
    // Listing, showing and verifying open the store read-only: they never create a file, a schema or a table.
    return await openAuditStore(url, { ...(signer ? { signer } : {}), cwd, readOnly: access === "read" || access === "verify" });
  } catch (error) {
    throw asUsage(error);
  }
}

/** The signing key the CLI would use for the store at `url`, never creating one. */
function cliAuditKey(url: string, io: CliIo): ResolvedAuditKey {
  const cwd = io.cwd ?? process.cwd();
  try {
    return resolveAuditKey({ env: io.env, keyPath: defaultAuditKeyPath(url, cwd), cwd, create: false });
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
  const audit = program.command("audit").description("the audit trail: list runs, show one, verify the chain, export events or OpenTelemetry spans, prune by age, hand out the public key and the signed head");
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
    .option(
      "--public-key <pem file>",
      `verify with only this Ed25519 public key (no private key needed, nothing is written); repeat it for each key of a rotated trail (default: $${auditPublicKeyEnvVar})`,
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option("--published-head <json file>", "also check the store still extends this head record, published earlier with `toolgate audit head --json`: catches a roll-back the chain alone cannot")
    .option("--json", "print the verification report as JSON")
    .action(async (options: StoreOptions & { publicKey?: string[]; publishedHead?: string }) => {
      const cwd = io.cwd ?? process.cwd();
      const keys = publicKeyVerifier(options.publicKey, io.env, cwd);
      const published = options.publishedHead === undefined ? undefined : readPublishedHead(options.publishedHead, cwd);
      done(await withOpenStore(options, io, (store) => verifyTrail(store, options, io, keys, published), "verify", keys?.verifier));
    });

  withStore(audit.command("export").description("write events as JSON Lines, or runs as OpenTelemetry spans (OTLP/JSON)"))
    .addOption(new Option("--format <format>", "jsonl: the stored events; otel: OTLP/JSON spans (GenAI conventions)").choices(["jsonl", "otel"]).default("jsonl"))
    .option("--trace <traceId>", "only this run (or a unique prefix of its id)")
    .option("--since <time>", "only events at or after this ISO time (with --format otel: runs started at or after it)")
    .option("--type <type>", "only events of this type (repeat it, or separate types with commas), e.g. --type call.verdict", collectEventTypes)
    .option("--out <file>", "write to a file instead of stdout")
    .action(async (options: StoreOptions & { format: "jsonl" | "otel"; trace?: string; since?: string; type?: AuditEventType[]; out?: string }) => {
      done(await withOpenStore(options, io, async (store) => exportEvents(await selectExportEvents(store, options), options, io)));
    });

  withStore(audit.command("prune").description("remove events older than an age or a time; a signed checkpoint and a retention.pruned event keep the rest verifiable"))
    .option("--older-than <age>", "remove events recorded more than this long ago: a whole number and s, m, h, d or w, e.g. 90d or 12h")
    .option("--before <time>", "remove events recorded before this ISO time, e.g. 2026-01-01T00:00:00Z")
    .option("--json", "print what was removed as JSON")
    .action(async (options: StoreOptions & { olderThan?: string; before?: string }) => {
      // Flags are checked before the store is opened, so a typo never touches the trail.
      const before = retentionCutoff(options, new Date());
      done(await withOpenStore(options, io, (store) => pruneTrail(store, before, options, io), "prune"));
    });

  withStore(audit.command("key").description("the key that signs the trail; with --public, its public key PEM to hand to auditors"))
    .option("--public", "print only the Ed25519 public key (PEM), e.g. toolgate audit key --public > audit.pub")
    .option("--json", "print the key id, algorithm and source as JSON")
    .action((options: StoreOptions & { public?: boolean }) => {
      done(printAuditKey(cliAuditKey(cliAuditUrl(options.audit, options.dataDir, io), io), options, io));
    });

  withStore(
    audit
      .command("head")
      .description(
        "print the signed head record (seq, hash, signature). Publish it outside the database (another system's log, object storage with a retention lock): " +
          "it is the defence against rolling the store back to an older head, which nothing inside the store can detect; `audit verify --published-head <file>` checks it",
      ),
  )
    .option("--json", "print the head record as JSON")
    .action(async (options: StoreOptions) => {
      done(await withOpenStore(options, io, (store) => printAuditHead(store, options, io)));
    });
  return audit;
}

async function withOpenStore(options: StoreOptions, io: CliIo, use: (store: ChainedAuditStore) => Promise<number>, access: AuditAccess = "read", verifier?: AuditVerifier): Promise<number> {
  const store = await openCliAuditStore(options.audit, options.dataDir, io, access, verifier ? { verifier } : {});
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
        ...(step.routing?.data.routing?.budget ? [fittedToContext(step.routing.data.routing.budget)] : []),
        ...(model ? [`finish ${model.finishReason}`, `${model.usage.totalTokens} tokens`, `${formatMs(model.latencyMs)} ms`] : ["(no model answer on record)"]),
        ...(model ? [model.output.toolCalls.length === 0 ? "no calls" : `${model.output.toolCalls.length} call${model.output.toolCalls.length === 1 ? "" : "s"} proposed`] : []),
      ].join(" · "),
    );
    for (const call of step.calls) lines.push(...formatCall(call, ++number));
  }
  return lines.join("\n");
}

/** How the exposed tools were fitted to a small model's context, as counted with its own tokenizer. */
function fittedToContext(budget: ContextBudget): string {
  const fit = budget.toolsExposed < budget.toolsOffered ? `${budget.toolsExposed} of ${budget.toolsOffered} tools fit the context` : "fits the context";
  return `${fit} (${budget.promptTokens} prompt tokens, ${budget.reservedOutputTokens} kept for output, ${budget.contextSize} in all)`;
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
  const describeEffects = (effects: ReadonlyArray<{ kind: string; target?: string }>) => effects.map((effect) => `${effect.kind}${effect.target ? ` ${effect.target}` : ""}`).join(", ");
  // A tool the gate stopped waiting for may still have acted: the record must not read "none" as "nothing happened".
  const abandoned = call.executed?.data.execution?.abandoned;
  if (call.effects) {
    const effects = call.effects.data.effects;
    const none = abandoned ? "none declared before the gate stopped waiting; the tool was still running" : "none declared";
    lines.push(`    effects    ${effects.length === 0 ? none : describeEffects(effects)}`);
  }
  for (const late of call.late ?? []) {
    const data = late.data;
    lines.push(`    late       attempt ${data.attempt} ${data.status} ${Math.round(data.afterMs)} ms after the gate stopped waiting${data.error ? ` (${abbreviate(data.error.message, 80)})` : ""}; effects since: ${data.effects.length === 0 ? "none declared" : describeEffects(data.effects)}`);
  }
  if (abandoned && (call.late?.length ?? 0) < abandoned) lines.push(`    late       ${abandoned - (call.late?.length ?? 0)} attempt(s) had not finished when this trail was read; their effects are unknown`);
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

async function verifyTrail(store: ChainedAuditStore, options: { json?: boolean }, io: CliIo, keys: PublicKeyVerifier | undefined, published: PublishedHead | undefined): Promise<number> {
  const report = await store.verify();
  const keyProblem = keys !== undefined && !report.ok ? await untrustedSigners(store, keys) : undefined;
  // Only a chain that verifies can be compared with a published head: a missing event there is then a prune, not a cut.
  const headCheck = published !== undefined && report.ok ? await checkPublishedHead(store, published) : undefined;
  const ok = report.ok && headCheck?.ok !== false;
  if (options.json) {
    writeLine(
      io.stdout,
      JSON.stringify({ ...report, ok, ...(keys ? { publicKeys: keys.keys } : {}), ...(keyProblem ? { keyProblem } : {}), ...(headCheck ? { publishedHead: headCheck } : {}) }, null, 2),
    );
  } else if (report.ok) {
    writeLine(io.stdout, `${headCheck?.ok === false ? "chain ok" : "ok"}: ${report.eventsChecked} events, ${report.checkpointsChecked} checkpoints`);
    if (keys) writeLine(io.stdout, `verified with only the public key${keys.keys.length === 1 ? "" : "s"} ${keys.keys.map((key) => `${key.keyId} (${key.source})`).join(", ")}`);
    if (headCheck) writeLine(io.stdout, `${headCheck.ok ? "published head: " : "broken: "}${headCheck.message}`);
  } else {
    const problem = report.firstProblem;
    writeLine(
      io.stdout,
      problem
        ? `broken: seq ${problem.seq}, ${problem.kind}: ${problem.message} (${report.eventsChecked} events checked before it)`
        : `broken: the store reported a problem it did not locate (${report.eventsChecked} events checked)`,
    );
    if (keyProblem) writeLine(io.stdout, `key: ${keyProblem}`);
  }
  return ok ? exitCodes.ok : exitCodes.runtime;
}

/**
 * When a verify with public keys fails, whether the keys are the reason: the key ids the head record and the
 * checkpoints claim, against the ones given. Only on failure, since it reads every checkpoint.
 */
async function untrustedSigners(store: ChainedAuditStore, keys: PublicKeyVerifier): Promise<string | undefined> {
  const claimed = new Set<string>();
  const head = await store.head();
  if (head !== undefined) claimed.add(head.keyId);
  for (const event of await store.read({ types: ["checkpoint"] })) {
    const keyId = (event.data as { keyId?: unknown } | null)?.keyId;
    if (typeof keyId === "string") claimed.add(keyId);
  }
  const trusted = new Set(keys.verifier.keyIds);
  const missing = [...claimed].filter((keyId) => !trusted.has(keyId));
  if (missing.length === 0) return undefined;
  const given = keys.keys.map((key) => `${key.keyId} from ${key.source}`).join(", ");
  if (missing.length === claimed.size) {
    return `none of the public keys given (${given}) signed this trail; it claims ${missing.join(", ")} — ask its operator for the public key (\`toolgate audit key --public\` on the signing host); if they say it is the key you hold, the trail was re-signed by someone else`;
  }
  return `the trail also claims ${missing.join(", ")}, which was not given (given: ${given}) — after a key rotation pass --public-key once per key, old ones too`;
}
