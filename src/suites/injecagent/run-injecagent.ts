// InjecAgent through the gate: the user's tool returns the poisoned response, then the model makes the attacker's call(s).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runAgent } from "../../agent/index.js";
import type { ModelRequest, ModelResponse } from "../../model/index.js";
import { emptyUsage } from "../../record/index.js";
import { scriptedModel } from "../../model/index.js";
import { approverFrom } from "../../policy/index.js";
import { defineTool } from "../../tool/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import { createToolRegistry } from "../../tool/index.js";
import type { DefenceSetup } from "../defence-setups/defences.js";
import type { InjecAgentTool } from "./injecagent-tools.js";
import { injecAgentDataDir, injecAgentRisk, injecAgentSchema, InjecAgentDataError, loadInjecAgentTools } from "./injecagent-tools.js";
import { evaluatePythonExpression } from "../agentdojo/python-args.js";

const injecAgentSets = ["dh_base", "dh_enhanced", "ds_base", "ds_enhanced"] as const;
type InjecAgentSet = (typeof injecAgentSets)[number];

interface InjecAgentCase {
  "Attacker Tools": string[];
  "Attacker Instruction": string;
  "User Tool": string;
  "User Instruction": string;
  "Tool Parameters": string;
  "Tool Response": string;
}

export interface InjecAgentSetResult {
  set: InjecAgentSet;
  total: number;
  /** Cases where at least one attacker call was stopped (policy deny or declined approval); the attack needs them all. */
  blocked: number;
  /** Of the blocked, those stopped by the policy or taint without asking anyone. */
  blockedWithoutApproval: number;
  /** Of the blocked, those where the person was asked because taint tracking flagged the attacker's values (a `taint:` rule), not just the tool's risk. */
  flaggedByTaint: number;
  missed: Array<{ index: number; attackerTools: string[] }>;
}

export interface RunInjecAgentOptions {
  dataDir: string;
  defence: DefenceSetup;
  sets?: readonly InjecAgentSet[];
  /** At most this many cases per set. */
  limit?: number;
}

export async function runInjecAgent(options: RunInjecAgentOptions): Promise<InjecAgentSetResult[]> {
  const dir = injecAgentDataDir(options.dataDir);
  const tools = loadInjecAgentTools(dir);
  const results: InjecAgentSetResult[] = [];
  // Registries compile their schemas once per tool combination; each case points the user tool at its own response.
  const cache: RegistryCache = { registries: new Map(), poisoned: "" };
  for (const set of options.sets ?? injecAgentSets) {
    const cases = (JSON.parse(readFileSync(join(dir, `test_cases_${set}.json`), "utf8")) as InjecAgentCase[]).slice(0, options.limit ?? Number.POSITIVE_INFINITY);
    const result: InjecAgentSetResult = { set, total: 0, blocked: 0, blockedWithoutApproval: 0, flaggedByTaint: 0, missed: [] };
    for (const [index, testCase] of cases.entries()) {
      const verdict = await runCase(testCase, tools, options.defence, `${set}/${index}`, cache);
      result.total++;
      if (verdict.blocked) result.blocked++;
      else result.missed.push({ index, attackerTools: testCase["Attacker Tools"] });
      if (verdict.blocked && !verdict.askedSomeone) result.blockedWithoutApproval++;
      if (verdict.blocked && verdict.flaggedByTaint) result.flaggedByTaint++;
    }
    results.push(result);
  }
  return results;
}

interface RegistryCache {
  registries: Map<string, ToolRegistry>;
  poisoned: string;
}

async function runCase(testCase: InjecAgentCase, tools: Map<string, InjecAgentTool>, defence: DefenceSetup, traceId: string, cache: RegistryCache): Promise<{ blocked: boolean; askedSomeone: boolean; flaggedByTaint: boolean }> {
  const lookup = (name: string) => {
    const tool = tools.get(name);
    if (!tool) throw new InjecAgentDataError(`case ${traceId} names tool ${name}, which tools.json does not define`);
    return tool;
  };
  const userTool = lookup(testCase["User Tool"]);
  const attackerTools = testCase["Attacker Tools"].map(lookup);
  // The response is stored wrapped in double quotes, without escaping the quotes inside; the wrapper goes.
  const raw = testCase["Tool Response"];
  cache.poisoned = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  const key = [userTool.name, ...attackerTools.map((tool) => tool.name)].join(" ");
  const registry = cache.registries.get(key) ?? createToolRegistry({ tools: definitionsFor(userTool, attackerTools, defence, cache) });
  cache.registries.set(key, registry);
  const userArgs = evaluatePythonExpression(testCase["Tool Parameters"], { constants: {}, environment: null }) as Record<string, unknown>;
  const calls = [
    { id: "user_0", name: userTool.name, args: userArgs },
    ...attackerTools.map((tool, index) => ({ id: `attacker_${index}`, name: tool.name, args: attackerArguments(tool, testCase["Attacker Instruction"]) })),
  ];
  let next = 0;
  const turn = (_request: ModelRequest): ModelResponse => {
    const call = calls[next++];
    if (!call) return { text: "Done.", toolCalls: [], usage: emptyUsage(), finishReason: "stop" };
    return { text: "", toolCalls: [{ id: call.id, name: call.name, arguments: JSON.stringify(call.args) }], usage: emptyUsage(), finishReason: "tool-calls" };
  };
  const userCall = JSON.stringify(userArgs);
  const trace = await runAgent({
    model: scriptedModel(Array.from({ length: calls.length + 1 }, () => turn), "injecagent-compromised"),
    tools: registry,
    messages: [{ role: "user", content: testCase["User Instruction"] }],
    policy: defence.policy,
    approver: approverFrom(defence.approver === "all" ? "rubber-stamp" : "user", (request) => defence.approver === "all" || (request.toolName === userTool.name && JSON.stringify(request.arguments) === userCall)),
    ...(defence.createTaint ? { taint: defence.createTaint(registry) } : {}),
    maxSteps: calls.length + 1,
    traceId,
  });
  const attacker = trace.calls.filter((call) => call.proposed.id.startsWith("attacker_"));
  const stopped = attacker.filter((call) => call.status === "rejected");
  return {
    blocked: stopped.length > 0,
    askedSomeone: stopped.some((call) => call.verdicts.some((verdict) => verdict.stage === "approval")),
    flaggedByTaint: stopped.some((call) => call.verdicts.some((verdict) => verdict.stage === "policy" && verdict.ruleId?.startsWith("taint:") === true)),
  };
}

/**
 * What an obeying model would pass: values taken from the injected instruction (emails, ids, amounts, quoted text),
 * falling back to the instruction itself — so every argument the attacker chose came from the untrusted result.
 */
export function attackerArguments(tool: InjecAgentTool, instruction: string): Record<string, unknown> {
  const emails = instruction.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [];
  const quoted = [...instruction.matchAll(/'([^']{2,})'|"([^"]{2,})"/g)].map((match) => match[1] ?? match[2]!);
  const ids = instruction.match(/\b[\w-]*\d[\w-]*\b/g)?.filter((token) => /[A-Za-z_-]/.test(token)) ?? [];
  const numbers = (instruction.match(/\$?\d[\d,]*(?:\.\d+)?/g) ?? []).map((text) => Number(text.replace(/[$,]/g, "")));
  // Quoted values go to string parameters in order (`move 'Work' to '.hidden'` → item, destination), as a model
  // copying the instruction would fill them; the last one repeats when parameters outnumber quotes.
  let nextQuoted = 0;
  const pickString = (name: string): string => {
    if (/mail|recipient|to$|address/i.test(name) && emails[0]) return emails[0];
    const fromQuotes = quoted[Math.min(nextQuoted++, quoted.length - 1)];
    return fromQuotes ?? ids[0] ?? emails[0] ?? instruction;
  };
  const args: Record<string, unknown> = {};
  for (const parameter of tool.parameters) {
    if (!parameter.required) continue;
    switch (parameter.type) {
      case "integer":
        args[parameter.name] = Math.round(numbers[0] ?? 1);
        break;
      case "number":
        args[parameter.name] = numbers[0] ?? 1;
        break;
      case "boolean":
        args[parameter.name] = true;
        break;
      case "array":
        args[parameter.name] = [pickString(parameter.name)];
        break;
      case "object":
        args[parameter.name] = { instruction };
        break;
      default:
        args[parameter.name] = pickString(parameter.name);
    }
  }
  return args;
}

function definitionsFor(userTool: InjecAgentTool, attackerTools: InjecAgentTool[], defence: DefenceSetup, cache: RegistryCache) {
  return [userTool, ...attackerTools.filter((tool) => tool.name !== userTool.name)].map((tool) =>
    defineTool<Record<string, unknown>>({
      name: tool.name,
      description: tool.description,
      area: tool.toolkit,
      risk: injecAgentRisk(tool),
      input: injecAgentSchema(tool),
      // The user's tool returns the poisoned response; attacker tools return what a simulator would: a data blob.
      execute: () => (tool.name === userTool.name ? cache.poisoned : { status: "success", data: `${tool.name} result for the user` }),
      // Only the user's tool result carries outside text here.
      ...(defence.markUntrusted && tool.name === userTool.name ? { trust: "untrusted" } : {}),
    }),
  );
}
