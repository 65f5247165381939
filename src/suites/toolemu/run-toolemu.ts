// ToolEmu's risky instructions against the shipped default policy: does each risky action's tool call need a person?
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createGate } from "../../gate/index.js";
import { noApprover } from "../../policy/index.js";
import { defaultPolicy } from "../../policy/index.js";
import { defineTool } from "../../tool/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import { createToolRegistry } from "../../tool/index.js";
import type { RiskLevel } from "../../record/index.js";
import type { InjecAgentTool } from "../injecagent/injecagent-tools.js";
import { injecAgentDataDir, injecAgentRisk, injecAgentSchema, loadInjecAgentTools } from "../injecagent/injecagent-tools.js";
import { attackerArguments } from "../injecagent/run-injecagent.js";
import type { ActionMapping } from "./toolemu-actions.js";
import { mapRiskyAction } from "./toolemu-actions.js";

interface ToolEmuCase {
  name: string;
  Toolkits: string[];
  "User Instruction": string;
  "Potential Risky Actions": string[];
}

export class ToolEmuDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolEmuDataError";
  }
}

type PolicyEffect = "allow" | "require-approval" | "deny";

interface ToolEmuToolVerdict {
  tool: string;
  risk: RiskLevel;
  effect: PolicyEffect;
  /** The default policy's rule that decided, as the gate recorded it. */
  ruleId?: string;
}

interface ToolEmuActionResult {
  caseName: string;
  action: string;
  mapping: ActionMapping;
  tools: ToolEmuToolVerdict[];
  /**
   * The strictest verdict over the mapped calls (one gated call is enough to stop the risky action); "allowed" is a
   * miss; "unmapped" means the sentence names no action the case's tools perform (e.g. "fails to confirm ...").
   */
  outcome: "requires-approval" | "denied" | "allowed" | "unmapped";
}

interface ToolEmuCaseResult {
  name: string;
  toolkits: string[];
  actions: number;
  mapped: number;
  /** Mapped actions stopped for a person's approval or denied. */
  stopped: number;
}

export interface ToolEmuReport {
  cases: number;
  actions: number;
  mapped: number;
  requiresApproval: number;
  denied: number;
  allowed: number;
  unmapped: number;
  /** Case toolkits that InjecAgent's tools.json does not define (their actions cannot map). */
  unmatchedToolkits: string[];
  perCase: ToolEmuCaseResult[];
  misses: ToolEmuActionResult[];
  results: ToolEmuActionResult[];
}

export interface RunToolEmuOptions {
  /** The attacks dir (holding toolemu/ and injecagent/); ToolEmu's toolkits are InjecAgent's tools.json. */
  dataDir: string;
  limit?: number;
}

function toolEmuCasesPath(dataDir: string): string {
  const found = [join(dataDir, "toolemu", "assets", "all_cases.json"), join(dataDir, "assets", "all_cases.json"), join(dataDir, "all_cases.json")].find((path) => existsSync(path));
  if (!found) throw new ToolEmuDataError(`${dataDir} holds no ToolEmu data: pass --data <attacks dir> containing toolemu/assets/all_cases.json and injecagent/data/tools.json`);
  return found;
}

export async function runToolEmu(options: RunToolEmuOptions): Promise<ToolEmuReport> {
  const cases = (JSON.parse(readFileSync(toolEmuCasesPath(options.dataDir), "utf8")) as ToolEmuCase[]).slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  let tools: Map<string, InjecAgentTool>;
  try {
    tools = loadInjecAgentTools(injecAgentDataDir(options.dataDir));
  } catch (error) {
    throw new ToolEmuDataError(`ToolEmu's toolkits come from InjecAgent's tools.json: ${(error as Error).message}`);
  }
  const byToolkit = new Map<string, InjecAgentTool[]>();
  for (const tool of tools.values()) byToolkit.set(tool.toolkit, [...(byToolkit.get(tool.toolkit) ?? []), tool]);
  const unmatched = new Set<string>();
  const registries = new Map<string, ToolRegistry>();
  const results: ToolEmuActionResult[] = [];
  const perCase: ToolEmuCaseResult[] = [];
  for (const testCase of cases) {
    for (const toolkit of testCase.Toolkits) if (!byToolkit.has(toolkit)) unmatched.add(toolkit);
    const caseTools = testCase.Toolkits.flatMap((toolkit) => byToolkit.get(toolkit) ?? []);
    const key = testCase.Toolkits.join(" ");
    const registry = registries.get(key) ?? createToolRegistry({ tools: caseTools.map(definitionOf) });
    registries.set(key, registry);
    const gate = createGate({ registry, policy: defaultPolicy(), approver: noApprover });
    const caseResult: ToolEmuCaseResult = { name: testCase.name, toolkits: testCase.Toolkits, actions: 0, mapped: 0, stopped: 0 };
    for (const [index, action] of testCase["Potential Risky Actions"].entries()) {
      const mapping = mapRiskyAction(action, caseTools);
      const verdicts: ToolEmuToolVerdict[] = [];
      for (const name of mapping.tools) verdicts.push(await decide(gate, tools.get(name)!, mapping.actionText, `${testCase.name}/${index}`));
      const result: ToolEmuActionResult = { caseName: testCase.name, action, mapping, tools: verdicts, outcome: outcomeOf(verdicts) };
      results.push(result);
      caseResult.actions++;
      if (result.outcome !== "unmapped") caseResult.mapped++;
      if (result.outcome === "requires-approval" || result.outcome === "denied") caseResult.stopped++;
    }
    perCase.push(caseResult);
  }
  const count = (outcome: ToolEmuActionResult["outcome"]) => results.filter((result) => result.outcome === outcome).length;
  return {
    cases: cases.length,
    actions: results.length,
    mapped: results.length - count("unmapped"),
    requiresApproval: count("requires-approval"),
    denied: count("denied"),
    allowed: count("allowed"),
    unmapped: count("unmapped"),
    unmatchedToolkits: [...unmatched].sort(),
    perCase,
    misses: results.filter((result) => result.outcome === "allowed"),
    results,
  };
}

function outcomeOf(verdicts: readonly ToolEmuToolVerdict[]): ToolEmuActionResult["outcome"] {
  if (verdicts.length === 0) return "unmapped";
  if (verdicts.some((verdict) => verdict.effect === "deny")) return "denied";
  if (verdicts.some((verdict) => verdict.effect === "require-approval")) return "requires-approval";
  return "allowed";
}

/**
 * Proposes the call through a real gate running the default policy, so the decision and its rule id are the policy's
 * own. The values come from the user's instruction, which the application trusts: ToolEmu's risk is an underspecified
 * request, not an injection, so no argument is tainted and the taint rules do not fire.
 */
async function decide(gate: ReturnType<typeof createGate>, tool: InjecAgentTool, actionText: string, traceId: string): Promise<ToolEmuToolVerdict> {
  const record = await gate.handle({ id: "risky_0", name: tool.name, arguments: JSON.stringify(attackerArguments(tool, actionText)) }, { traceId, step: 0, index: 0, signal: new AbortController().signal });
  const verdict = record.verdicts.find((entry) => entry.stage === "policy");
  if (!verdict) throw new ToolEmuDataError(`${traceId}: the gate stopped the call to ${tool.name} before the policy (${record.verdicts.at(-1)?.reason ?? record.status}); its arguments do not fit its schema`);
  const effect: PolicyEffect = verdict.outcome === "deny" ? "deny" : verdict.outcome === "approval-required" ? "require-approval" : "allow";
  return { tool: tool.name, risk: injecAgentRisk(tool), effect, ...(verdict.ruleId ? { ruleId: verdict.ruleId } : {}) };
}

function definitionOf(tool: InjecAgentTool) {
  return defineTool<Record<string, unknown>>({
    name: tool.name,
    description: tool.description,
    area: tool.toolkit,
    risk: injecAgentRisk(tool),
    input: injecAgentSchema(tool),
    // ToolEmu emulates its tools with a language model; here only the policy's decision is measured, so a call the
    // policy allows just reports that it would have run.
    execute: () => ({ ran: tool.name }),
  });
}
