// `toolgate policy check <file>` lints a policy file; `toolgate policy explain <file>` shows the decision for one call and the rule that fired.
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { type ArgumentTaint, digestOf, type JsonValue, type RiskLevel, riskLevels } from "../record/index.js";
import type { PolicyInput } from "../policy/index.js";
import { formatProblem, loadPolicy, PolicyFileError } from "../policy/index.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface ExplainOptions {
  tool: string;
  args: string;
  risk: RiskLevel;
  area: string;
  principal?: string;
  role?: string[];
  tenant?: string;
  tainted?: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPolicyCommand(program: Command, io: CliIo, done: (exitCode: number) => void): void {
  const policy = program.command("policy").description("check a policy file, or explain the decision it reaches for a call");
  policy
    .command("check")
    .description("validate a policy file; every problem is printed as file:line")
    .argument("<file>", "the YAML policy")
    .action((file: string) => done(check(file, io)));
  policy
    .command("explain")
    .description("print the decision the policy reaches for one call, and the rule that fired")
    .argument("<file>", "the YAML policy")
    .requiredOption("--tool <name>", "the tool called")
    .option("--args <json>", "the call's arguments as JSON", "{}")
    .addOption(new Option("--risk <level>", "the tool's declared risk").choices(riskLevels).default("write"))
    .option("--area <area>", "the tool's capability area", "default")
    .option("--principal <id>", "who the call is made for")
    .option("--role <role>", "a role of the principal; repeat for several", collect)
    .option("--tenant <tenant>", "the principal's tenant")
    .option("--tainted <pointer>", "an argument (JSON pointer, e.g. /to) carrying untrusted data; repeat for several", collect)
    .option("--json", "print the decision as JSON")
    .action(async (file: string, options: ExplainOptions) => done(await explain(file, options, io)));
}

function check(file: string, io: CliIo): number {
  const path = resolve(io.cwd ?? process.cwd(), file);
  try {
    const policy = loadPolicy(path, { clock: () => new Date() });
    writeLine(io.stdout, `${file}: ok · version ${policy.version} · ${policy.rules.length} rules · ${policy.digest}`);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    // Name the file as the user typed it, so the lines are clickable where they ran the command.
    for (const problem of error.problems) writeLine(io.stderr, `toolgate: ${formatProblem({ ...problem, source: problem.source === path ? file : problem.source })}`);
    writeLine(io.stderr, `toolgate: ${file}: ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}; fix them and run \`toolgate policy check ${file}\` again`);
    return exitCodes.runtime;
  }
}

async function explain(file: string, options: ExplainOptions, io: CliIo): Promise<number> {
  let args: JsonValue;
  try {
    args = JSON.parse(options.args) as JsonValue;
  } catch (error) {
    throw usageError(`--args is not JSON (${(error as Error).message}); quote it, e.g. --args '{"to":"acct-1"}'`, error);
  }
  if ((options.role || options.tenant) && !options.principal) throw usageError("--role and --tenant need --principal, e.g. --principal alice --role finance");
  const path = resolve(io.cwd ?? process.cwd(), file);
  let policy;
  try {
    // Fresh counters: explain shows the decision for a first call and never uses up a real limit.
    policy = loadPolicy(path, { clock: () => new Date() });
  } catch (error) {
    if (error instanceof PolicyFileError) throw usageError(`${file} is not a valid policy (run \`toolgate policy check ${file}\`):\n${error.message}`, error);
    throw error;
  }
  const taint: ArgumentTaint[] = (options.tainted ?? []).map((pointer) => ({ path: pointer, sources: [{ callId: "explain", toolName: "(untrusted)", match: "exact" }] }));
  const input: PolicyInput = {
    traceId: "explain",
    callId: "explain",
    toolName: options.tool,
    toolDigest: "explain",
    area: options.area,
    risk: options.risk,
    arguments: args,
    callDigest: digestOf({ tool: options.tool, arguments: args }),
    ...(options.principal ? { principal: { id: options.principal, ...(options.role ? { roles: options.role } : {}), ...(options.tenant ? { tenant: options.tenant } : {}) } } : {}),
    ...(taint.length > 0 ? { taint } : {}),
  };
  const decision = await policy.evaluate(input);
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ decision, version: policy.version }, null, 2));
    return exitCodes.ok;
  }
  const rule = policy.rules.find((entry) => entry.id === decision.ruleId);
  writeLine(io.stdout, `decision: ${decision.effect}`);
  writeLine(io.stdout, `rule:     ${decision.ruleId ?? "(none)"}${rule ? ` (${rule.effect}, priority ${rule.priority}, rules[${policy.rules.indexOf(rule)}])` : decision.ruleId === "default" ? " (no rule matched)" : ""}`);
  if (decision.reason) writeLine(io.stdout, `reason:   ${decision.reason}`);
  if (decision.effect === "require-approval" && decision.approverRole) writeLine(io.stdout, `approver: someone with role ${decision.approverRole}`);
  writeLine(io.stdout, `call:     ${options.tool} (${options.risk}, area ${options.area})${input.principal ? ` for ${input.principal.id}` : ""}${taint.length > 0 ? `, tainted ${taint.map((entry) => entry.path).join(", ")}` : ""}`);
  writeLine(io.stdout, `policy:   version ${policy.version} · ${policy.digest}`);
  return exitCodes.ok;
}
