// `toolgate eval security`: attack suites (AgentDojo compromised-model replay, InjecAgent, ToolEmu, jailbreak-function) under each defence; prints the table.
import { resolve } from "node:path";
import type { Command } from "commander";
import type { AgentDojoDefenceResult, AgentDojoSuiteName } from "../suites/agentdojo/index.js";
import { agentDojoPorts, agentDojoSuiteNames, AgentDojoDataError, AgentDojoRunError, runAgentDojoSuite } from "../suites/agentdojo/index.js";
import { availableDefenceKit, defenceSetup, formatAgentDojoTable, formatInjecAgentTable, parseDefenceList, UnknownDefenceError } from "../suites/defence-setups/index.js";
import type { InjecAgentSetResult } from "../suites/injecagent/index.js";
import { InjecAgentDataError, runInjecAgent } from "../suites/injecagent/index.js";
import { formatJailbreakTable, runJailbreakFunction } from "../suites/jailbreak-function/index.js";
import { formatToolEmuReport, runToolEmu, ToolEmuDataError } from "../suites/toolemu/index.js";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { writeLine } from "./cli-io.js";

interface SecurityOptions {
  suite: string;
  defence?: string;
  data?: string;
  attack?: string;
  limit?: string;
  json?: boolean;
}

const suites = ["agentdojo", "injecagent", "toolemu", "jailbreak-function", "transforms"];

/** `agentdojo` runs every ported suite; `agentdojo:banking,slack` runs those. */
function agentDojoSuitesOf(suite: string): AgentDojoSuiteName[] | undefined {
  if (suite === "agentdojo") return [...agentDojoSuiteNames];
  if (!suite.startsWith("agentdojo:")) return undefined;
  const names = suite.slice("agentdojo:".length).split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(agentDojoSuiteNames as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw usageError(`unknown AgentDojo suite "${unknown.join(",") || suite}"; use agentdojo, or agentdojo:<list> from ${agentDojoSuiteNames.join(", ")}`);
  return names as AgentDojoSuiteName[];
}

export function registerEvalSecurityCommand(evalCommand: Command, io: CliIo, done: (exitCode: number) => void): void {
  evalCommand
    .command("security")
    .description("run attack suites through the gate under each defence: AgentDojo (a model that obeys every injection) and InjecAgent")
    .requiredOption("--suite <name>", `one of: ${suites.join(", ")} (agentdojo:<suites> picks AgentDojo suites, e.g. agentdojo:banking,slack)`)
    .option("--defence <list>", "comma-separated defences: none, all, data-flow, no-taint, no-approval, risk-approval (default: every one)")
    .option("--data <dir>", "the attacks data directory (holding agentdojo/, injecagent/ and toolemu/); jailbreak-function and transforms need none")
    .option("--attack <name>", "AgentDojo attack template (default important_instructions)")
    .option("--limit <n>", "at most n tasks per kind (AgentDojo) or cases per set (InjecAgent)")
    .option("--json", "print the results as one JSON object on the last line")
    .action(async (options: SecurityOptions) => {
      done(await security(options, io));
    });
}

async function security(options: SecurityOptions, io: CliIo): Promise<number> {
  if (options.suite === "transforms") {
    // Its cases are built in (the example catalog and reshaped attacker values); it reads no --data and runs both profiles.
    const { formatTransforms, runTransforms } = await import("../suites/transforms/index.js");
    const summaries = await runTransforms();
    writeLine(io.stdout, formatTransforms(summaries));
    if (options.json) writeLine(io.stdout, JSON.stringify({ suite: "transforms", results: summaries }));
    return 0;
  }
  if (options.data === undefined && options.suite !== "jailbreak-function") throw usageError(`--suite ${options.suite} needs --data <dir>: the attacks data directory`);
  const dataDir = resolve(io.cwd ?? process.cwd(), options.data ?? ".");
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw usageError(`--limit must be a positive integer, got ${options.limit}`);
  let defences;
  try {
    defences = parseDefenceList(options.defence).map((name) => defenceSetup(name, availableDefenceKit));
  } catch (error) {
    throw error instanceof UnknownDefenceError ? usageError(error.message, error) : error;
  }
  try {
    const agentDojoSuites = agentDojoSuitesOf(options.suite);
    if (agentDojoSuites) {
      const results: AgentDojoDefenceResult[] = [];
      for (const name of agentDojoSuites) {
        for (const defence of defences) results.push(await runAgentDojoSuite({ dataDir, port: agentDojoPorts[name], defence, ...(options.attack ? { attack: options.attack } : {}), ...(limit ? { limit } : {}) }));
      }
      writeLine(io.stdout, formatAgentDojoTable(results));
      if (options.json) writeLine(io.stdout, JSON.stringify({ suite: "agentdojo", results: results.map(({ pairResults: _p, utilityResults: _u, ...summary }) => summary) }));
      return 0;
    }
    if (options.suite === "injecagent") {
      const all: Array<{ defence: string; unavailable?: string; sets: InjecAgentSetResult[] }> = [];
      for (const defence of defences) {
        if (defence.unavailable) {
          writeLine(io.stdout, `${defence.name}: not available (${defence.unavailable})`);
          all.push({ defence: defence.name, unavailable: defence.unavailable, sets: [] });
          continue;
        }
        const sets = await runInjecAgent({ dataDir, defence, ...(limit ? { limit } : {}) });
        writeLine(io.stdout, formatInjecAgentTable(defence.name, sets));
        all.push({ defence: defence.name, sets: sets.map((set) => ({ ...set, missed: set.missed.slice(0, 50) })) });
      }
      if (options.json) writeLine(io.stdout, JSON.stringify({ suite: "injecagent", results: all }));
      return 0;
    }
  } catch (error) {
    if (error instanceof AgentDojoDataError || error instanceof InjecAgentDataError || error instanceof AgentDojoRunError) throw usageError(error.message, error);
    throw error;
  }
  if (options.suite === "toolemu") {
    let report;
    try {
      report = await runToolEmu({ dataDir, ...(limit ? { limit } : {}) });
    } catch (error) {
      throw error instanceof ToolEmuDataError ? usageError(error.message, error) : error;
    }
    writeLine(io.stdout, formatToolEmuReport(report));
    // Every action's result is in the misses and per-case counts already; the full list would dwarf them.
    const { results: _results, ...summary } = report;
    if (options.json) writeLine(io.stdout, JSON.stringify({ suite: "toolemu", ...summary }));
    return 0;
  }
  if (options.suite === "jailbreak-function") {
    // Its scenarios are generated from a committed file; it reads no --data, and its variants are its own defences.
    const results = await runJailbreakFunction();
    writeLine(io.stdout, formatJailbreakTable(results));
    if (options.json) writeLine(io.stdout, JSON.stringify({ suite: "jailbreak-function", results }));
    return 0;
  }
  throw usageError(`unknown suite "${options.suite}"; use one of: ${suites.join(", ")}`);
}
