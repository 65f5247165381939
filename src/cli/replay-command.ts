// `toolgate replay <traceId>`: re-decides every recorded call against today's tools and policy, executing nothing.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { resolve } from "node:path";
import type { ReplayedCall, ReplayReport } from "../gate/index.js";
import type { Policy, RiskPolicyOptions } from "../policy/index.js";
import { type RiskLevel, riskLevels } from "../record/index.js";
import { auditUrlOption, openCliAuditStore } from "./audit-command.js";
import { readTraceEvents } from "./audit-trace.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";
import { loadCliTools } from "./cli-runtime.js";

interface ReplayCommandOptions {
  tools?: string;
  dataDir?: string;
  audit?: string;
  approve?: RiskLevel[];
  deny?: RiskLevel[];
  policy?: string;
  json?: boolean;
  failOnChange?: boolean;
}

export function registerReplayCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  program
    .command("replay")
    .description("re-check a recorded run's calls against today's tools and policy (decode, resolve, validate, policy) without running any")
    .argument("<traceId>", "the trace id (or a unique prefix) from `toolgate audit list`")
    .option("--tools <file>", "today's tools: a module exporting `tools`; default: the customer-service example")
    .option("--data-dir <dir>", "where the example catalog and the default audit store live (default: $TOOLGATE_HOME, else .toolgate)")
    .addOption(auditUrlOption())
    .option("--approve <risks>", `try a risk-only policy: risks that need approval today, comma-separated (${riskLevels.join(", ")}); default with --deny: privileged`, riskList("--approve"))
    .option("--deny <risks>", "risks refused outright today, comma-separated; default: none", riskList("--deny"))
    .option("--policy <file>", "today's policy as a policy file (as `run --policy`; default: the built-in policy `run` uses), instead of --approve/--deny; taint, provenance and principal rules decide on what the record kept")
    .option("--json", "print the replay report as JSON")
    .option("--fail-on-change", "exit 1 when any call would be decided differently today (for CI on a policy or tool change); a changed tool digest alone does not fail")
    .action(async (traceId: string, options: ReplayCommandOptions) => {
      done(await replay(traceId, options, io));
    });
}

async function replay(idOrPrefix: string, options: ReplayCommandOptions, io: CliIo): Promise<number> {
  if (options.policy !== undefined && (options.approve || options.deny)) throw usageError("--policy replaces --approve and --deny; put those rules in the policy file");
  // Loaded when the command runs, so `toolgate --help` does not pay for the gate and the policy engine.
  const [{ recordedCalls }, { replayCalls }] = await Promise.all([import("../audit/index.js"), import("../gate/index.js")]);
  const policy = await todaysPolicy(options, io.cwd ?? process.cwd());
  const store = await openCliAuditStore(options.audit, options.dataDir, io, "read");
  try {
    const { traceId, events } = await readTraceEvents(store, idOrPrefix);
    const tools = await loadCliTools(options, io);
    try {
      const recorded = recordedCalls(events, traceId);
      const report = await replayCalls(traceId, recorded.calls, { registry: tools.registry, policy });
      if (options.json) {
        writeLine(io.stdout, JSON.stringify(report, null, 2));
      } else {
        const policyLabel = options.policy !== undefined ? options.policy : !options.approve && !options.deny ? "built-in default" : `approve ${(options.approve ?? ["privileged"]).join(", ") || "none"}, deny ${(options.deny ?? []).join(", ") || "none"}`;
        writeLine(io.stdout, `replay of ${traceId} against ${tools.registry.tools.length} tools from ${tools.source} · policy: ${policyLabel}`);
        writeLine(io.stdout, formatReplay(report));
      }
      const decided = report.calls.filter(decidedDifferently).length;
      if (options.failOnChange && decided > 0) {
        writeLine(io.stderr, `toolgate: ${decided} of ${report.calls.length} call${report.calls.length === 1 ? "" : "s"} would be decided differently today (--fail-on-change); review the changes above, or record a new run under today's policy`);
        return exitCodes.runtime;
      }
      return exitCodes.ok;
    } finally {
      tools.close();
    }
  } finally {
    await store.close();
  }
}

/** A policy file when given, else the risk policy `run` and `chat` used before policy files, adjustable by risk. */
async function todaysPolicy(options: ReplayCommandOptions, cwd: string): Promise<Policy> {
  const { defaultPolicy, loadPolicy, PolicyFileError, riskPolicy } = await import("../policy/index.js");
  if (options.policy !== undefined) {
    try {
      return loadPolicy(resolve(cwd, options.policy), { clock: () => new Date() });
    } catch (error) {
      if (error instanceof PolicyFileError) throw usageError(`the --policy file is not valid (run \`toolgate policy check ${options.policy}\`):\n${error.message}`, error);
      throw error;
    }
  }
  // Without flags, the policy `run` and `chat` decide with; --approve/--deny try a risk-only policy instead.
  if (!options.approve && !options.deny) return defaultPolicy();
  const policyOptions: RiskPolicyOptions = { ...(options.approve ? { approve: options.approve } : {}), ...(options.deny ? { deny: options.deny } : {}) };
  return riskPolicy(policyOptions);
}

/**
 * Whether today's decision differs from the recorded one (the report's first change is then the `recorded … → today: …`
 * line). A call that cannot be re-decided from the record counts: a CI gate should not pass what it could not check.
 */
export function decidedDifferently(call: ReplayedCall): boolean {
  return call.changes[0]?.startsWith("recorded ") === true;
}

/** One line per call (`call 3 issue_refund: recorded succeeded → today: policy deny (rule …)`), details indented, then a total. */
export function formatReplay(report: ReplayReport): string {
  const lines: string[] = [];
  for (const call of report.calls) {
    const [headline, ...rest] = call.changes;
    const decisionChanged = decidedDifferently(call);
    if (call.changes.length === 0) lines.push(`call ${call.number} ${call.name}: unchanged (recorded ${call.recorded.summary}; today: ${call.today.summary})`);
    else if (decisionChanged) lines.push(`call ${call.number} ${call.name}: ${headline}`, ...rest.map((change) => `  ${change}`));
    else lines.push(`call ${call.number} ${call.name}: same decision (${call.today.summary}), but:`, ...call.changes.map((change) => `  ${change}`));
    lines.push(...call.notes.map((note) => `  note: ${note}`));
  }
  if (report.calls.length === 0) lines.push("(the run made no tool calls)");
  const decided = report.calls.filter(decidedDifferently).length;
  const otherwise = report.changed - decided;
  lines.push(
    `${decided} of ${report.calls.length} call${report.calls.length === 1 ? "" : "s"} would be decided differently today${otherwise > 0 ? ` (${otherwise} more changed otherwise)` : ""}; nothing was executed.`,
  );
  return lines.join("\n");
}

function riskList(flag: string) {
  return (value: string): RiskLevel[] => {
    const risks = value.split(",").map((part) => part.trim()).filter((part) => part !== "");
    const unknown = risks.filter((risk) => !(riskLevels as readonly string[]).includes(risk));
    if (unknown.length > 0) throw new InvalidArgumentError(`${flag} takes risk levels from ${riskLevels.join(", ")}, e.g. ${flag} privileged`);
    return risks as RiskLevel[];
  };
}
