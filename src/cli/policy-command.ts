// `toolgate policy check <file>` lints a policy file against the catalog; `toolgate policy explain <file>` shows the decision for one call and the rule that fired.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { type ArgumentTaint, digestOf, type JsonValue, type RiskLevel, riskLevels } from "../record/index.js";
import type { PolicyInput } from "../policy/index.js";
import { checkPolicyText, findUnmatchedToolPatterns, formatProblem, loadPolicy, PolicyFileError } from "../policy/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { exitCodes, usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface CatalogOption {
  tools?: string;
}

interface ExplainOptions extends CatalogOption {
  tool: string;
  args: string;
  risk?: RiskLevel;
  area?: string;
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
    .option("--tools <file>", "the catalog the policy governs: a .ts/.js/.mjs module exporting `tools` (default: the customer-service example)")
    .action(async (file: string, options: CatalogOption) => done(await check(file, options, io)));
  policy
    .command("explain")
    .description("print the decision the policy reaches for one call, and the rule that fired")
    .argument("<file>", "the YAML policy")
    .requiredOption("--tool <name>", "the tool called, by its canonical name (billing.refund) or the name the model sees (billing_refund)")
    .option("--tools <file>", "the catalog the tool is looked up in, for its names, risk and area (default: the customer-service example)")
    .option("--args <json>", "the call's arguments as JSON", "{}")
    .addOption(new Option("--risk <level>", "the tool's declared risk (default: the catalog's, else write)").choices(riskLevels))
    .option("--area <area>", "the tool's capability area (default: the catalog's, else default)")
    .option("--principal <id>", "who the call is made for")
    .option("--role <role>", "a role of the principal; repeat for several", collect)
    .option("--tenant <tenant>", "the principal's tenant")
    .option("--tainted <pointer>", "an argument (JSON pointer, e.g. /to) carrying untrusted data; repeat for several", collect)
    .option("--json", "print the decision as JSON")
    .action(async (file: string, options: ExplainOptions) => done(await explain(file, options, io)));
}

/** The --tools module, else the example catalog in memory (checking a policy never touches the example's database file). */
async function withCatalog<T>(options: CatalogOption, io: CliIo, use: (registry: ToolRegistry, source: string) => Promise<T>): Promise<T> {
  const cwd = io.cwd ?? process.cwd();
  if (options.tools !== undefined) {
    const { loadTools } = await import("../runtime/index.js");
    const loaded = await loadTools({ file: options.tools, dataDir: cwd, cwd });
    try {
      return await use(loaded.registry, loaded.source);
    } finally {
      loaded.close();
    }
  }
  const [{ createCustomerServiceCatalog }, { createToolRegistry }] = await Promise.all([import("../examples/index.js"), import("../tool/index.js")]);
  const catalog = createCustomerServiceCatalog();
  try {
    return await use(createToolRegistry({ tools: catalog.tools, areas: catalog.areas }), "the customer-service example");
  } finally {
    catalog.close();
  }
}

async function check(file: string, options: CatalogOption, io: CliIo): Promise<number> {
  const path = resolve(io.cwd ?? process.cwd(), file);
  try {
    const policy = loadPolicy(path, { clock: () => new Date() });
    // A rule naming a tool that does not exist decides nothing: a deny written that way silently lets the real tool run.
    const problems = await withCatalog(options, io, async (registry, source) => {
      const unmatched = findUnmatchedToolPatterns(policy.rules, registry.tools);
      if (unmatched.length === 0) return 0;
      const checked = checkPolicyText(readFileSync(path, "utf8"), file);
      const locate = checked.ok ? checked.locate : undefined;
      for (const entry of unmatched) {
        const line = locate?.(entry.path);
        const where = entry.path.map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? key : `.${key}`)).join("");
        writeLine(io.stderr, `toolgate: ${file}${line === undefined ? "" : `:${line}`}: ${where}: "${entry.pattern}" (rule ${entry.ruleId}) matches no tool of ${source} (${registry.tools.length} tools, by canonical or model-facing name); fix the name, or pass --tools with the catalog this policy governs`);
      }
      return unmatched.length;
    });
    if (problems > 0) {
      writeLine(io.stderr, `toolgate: ${file}: ${problems} tool pattern${problems === 1 ? "" : "s"} match${problems === 1 ? "es" : ""} no tool`);
      return exitCodes.runtime;
    }
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
  // The gate evaluates rules with the canonical name and the model-facing one; explain must look the tool up the same way.
  const tool = await withCatalog(options, io, async (registry) => {
    const found = registry.get(options.tool);
    return found ? { name: found.name, providerName: found.providerName, risk: found.risk, area: found.area } : undefined;
  });
  const toolName = tool?.name ?? options.tool;
  const risk = options.risk ?? tool?.risk ?? "write";
  const area = options.area ?? tool?.area ?? "default";
  const taint: ArgumentTaint[] = (options.tainted ?? []).map((pointer) => ({ path: pointer, sources: [{ callId: "explain", toolName: "(untrusted)", match: "exact" }] }));
  const input: PolicyInput = {
    traceId: "explain",
    callId: "explain",
    toolName,
    ...(tool && tool.providerName !== tool.name ? { providerName: tool.providerName } : {}),
    toolDigest: "explain",
    area,
    risk,
    arguments: args,
    callDigest: digestOf({ tool: toolName, arguments: args }),
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
  const names = tool && tool.providerName !== tool.name ? `${tool.name} (model sees ${tool.providerName})` : toolName;
  writeLine(io.stdout, `call:     ${names} (${risk}, area ${area})${tool ? "" : ", not in the catalog"}${input.principal ? ` for ${input.principal.id}` : ""}${taint.length > 0 ? `, tainted ${taint.map((entry) => entry.path).join(", ")}` : ""}`);
  writeLine(io.stdout, `policy:   version ${policy.version} · ${policy.digest}`);
  return exitCodes.ok;
}
