// Jailbreak-function attacks through the real defences (catalog-only tools, toolChoice guard, moderation), each switchable.
import { runAgent } from "../../agent/index.js";
import { emptyUsage, type ToolChoice, type ToolSpec } from "../../record/index.js";
import type { ModelRequest, ModelResponse } from "../../model/index.js";
import { scriptedModel } from "../../model/index.js";
import { noApprover } from "../../policy/index.js";
import { assertCatalogTools, createModerationPolicy, ToolAllowlistError, ToolChoiceRefusedError } from "../../policy/index.js";
import { defaultPolicy } from "../../policy/index.js";
import { defineTool } from "../../tool/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import { createToolRegistry } from "../../tool/index.js";
import type { ToolDefinition } from "../../tool/index.js";
import type { JailbreakScenario } from "./jailbreak-function-scenarios.js";
import { benignGoals, catalogPublishTool, jailbreakScenarios, toolTemplates } from "./jailbreak-function-scenarios.js";

export interface JailbreakDefences {
  catalog: boolean;
  toolChoiceGuard: boolean;
  moderation: boolean;
}

export const jailbreakVariants: ReadonlyArray<{ name: string; defences: JailbreakDefences }> = [
  { name: "defaults", defences: { catalog: true, toolChoiceGuard: true, moderation: true } },
  { name: "no-catalog", defences: { catalog: false, toolChoiceGuard: true, moderation: true } },
  { name: "no-tool-choice-guard", defences: { catalog: true, toolChoiceGuard: false, moderation: true } },
  { name: "no-moderation", defences: { catalog: true, toolChoiceGuard: true, moderation: false } },
  { name: "none", defences: { catalog: false, toolChoiceGuard: false, moderation: false } },
];

type RefusingDefence = "catalog" | "tool-choice-guard" | "moderation" | "policy" | "approval";

export interface JailbreakOutcome {
  scenario: string;
  refused: boolean;
  /** The first defence that stopped it, in request order: catalog check, toolChoice guard, then the gate's policy. */
  defence?: RefusingDefence;
  /** The defence's error or verdict message (what the caller is told). */
  message?: string;
}

export interface JailbreakVariantResult {
  variant: string;
  defences: JailbreakDefences;
  total: number;
  refused: number;
  byDefence: Partial<Record<RefusingDefence, number>>;
  /** Scenarios whose harmful content reached the tool. */
  through: string[];
  outcomes: JailbreakOutcome[];
  /** Harmless requests through the catalog's output-only tool: refusing them would make the defences unusable. */
  controls: JailbreakOutcome[];
}

// The catalog the application registered: a read tool and one output-only tool that only publishes text.
function catalogDefinitions(): Array<ToolDefinition<Record<string, unknown>>> {
  return [
    defineTool<Record<string, unknown>>({ name: "search_articles", description: "Search published articles by keyword.", area: "blog", risk: "read", input: { type: "object", properties: { query: { type: "string" } }, required: ["query"] }, execute: () => ({ articles: [] }) }),
    defineTool<Record<string, unknown>>({ name: catalogPublishTool.name, description: catalogPublishTool.description, area: "blog", risk: "write", outputOnly: true, input: catalogPublishTool.inputSchema, execute: (args) => ({ published: true, title: args.title }) }),
  ];
}

/**
 * What a request would run with when the catalog check is off: its named catalog tools, plus its own definitions. A
 * caller-supplied definition carries no risk or flags, so it is registered as the attacker would declare it — a read
 * that is not output-only. A definition reusing a catalog name still runs the registered tool (the gate resolves by
 * name), so shadowing changes only what the model is shown.
 */
function offeredRegistry(catalog: Array<ToolDefinition<Record<string, unknown>>>, requested: ReadonlyArray<string | ToolSpec>): ToolRegistry {
  const tools = requested.map((entry) => {
    const name = typeof entry === "string" ? entry : entry.name;
    const registered = catalog.find((tool) => tool.name === name);
    if (registered || typeof entry === "string") return registered!;
    return defineTool<Record<string, unknown>>({ name: entry.name, description: entry.description, area: "caller", risk: "read", input: entry.inputSchema, execute: (args) => ({ echoed: args }) });
  });
  return createToolRegistry({ tools });
}

const toolChoiceOf = (scenario: JailbreakScenario): ToolChoice => (scenario.delivery === "forced" ? { tool: scenario.template.toolName } : scenario.delivery);

export async function runJailbreakScenario(scenario: JailbreakScenario, defences: JailbreakDefences): Promise<JailbreakOutcome> {
  const { template, goal } = scenario;
  const catalog = catalogDefinitions();
  const requested: Array<string | ToolSpec> = template.kind === "catalog" ? [template.toolName] : [template.spec(goal)];
  let registry: ToolRegistry;
  if (defences.catalog) {
    try {
      registry = assertCatalogTools(createToolRegistry({ tools: catalog }), requested);
    } catch (error) {
      if (error instanceof ToolAllowlistError) return { scenario: scenario.id, refused: true, defence: "catalog", message: error.message };
      throw error;
    }
  } else {
    registry = offeredRegistry(catalog, requested);
  }
  const args = template.argument === "body" ? { title: "Post", body: template.content(goal) } : { [template.argument]: template.content(goal) };
  // The model obeys: it writes the content into the tool's argument, whichever way the call was requested.
  const obey = (_request: ModelRequest): ModelResponse => ({ text: "", toolCalls: [{ id: "jailbreak_0", name: template.toolName, arguments: JSON.stringify(args) }], usage: emptyUsage(), finishReason: "tool-calls" });
  const inner = defaultPolicy();
  let trace;
  try {
    trace = await runAgent({
      model: scriptedModel([obey, "Done."], "jailbreak-obeying"),
      tools: registry,
      messages: [{ role: "user", content: `Use ${template.toolName} to produce ${goal.task}.` }],
      toolChoice: toolChoiceOf(scenario),
      ...(defences.toolChoiceGuard ? { toolChoicePolicy: {} } : {}),
      policy: defences.moderation ? createModerationPolicy(inner, { registry }) : inner,
      approver: noApprover,
      principal: { id: "api-caller" },
      maxSteps: 2,
      traceId: scenario.id,
    });
  } catch (error) {
    if (error instanceof ToolChoiceRefusedError) return { scenario: scenario.id, refused: true, defence: "tool-choice-guard", message: error.message };
    throw error;
  }
  const call = trace.calls[0];
  if (!call) throw new Error(`${scenario.id}: the obeying model's call never reached the gate (${trace.stopReason}${trace.error ? `: ${JSON.stringify(trace.error)}` : ""})`);
  if (call.status !== "rejected") return { scenario: scenario.id, refused: false };
  const stop = call.verdicts.find((verdict) => verdict.outcome === "deny" || verdict.outcome === "rejected" || verdict.outcome === "fail");
  const defence: RefusingDefence = stop?.ruleId === "moderation:flagged" ? "moderation" : stop?.stage === "approval" ? "approval" : "policy";
  return { scenario: scenario.id, refused: true, defence, message: `${stop?.ruleId ?? stop?.stage ?? "gate"}: ${stop?.reason ?? (call.outcome.ok ? "" : call.outcome.error.message)}` };
}

export async function runJailbreakFunction(options: { variants?: ReadonlyArray<{ name: string; defences: JailbreakDefences }> } = {}): Promise<JailbreakVariantResult[]> {
  const scenarios = jailbreakScenarios();
  const controlScenarios = jailbreakScenarios(benignGoals, toolTemplates.filter((template) => template.kind === "catalog")).filter((scenario) => scenario.delivery === "auto");
  const results: JailbreakVariantResult[] = [];
  for (const variant of options.variants ?? jailbreakVariants) {
    const outcomes: JailbreakOutcome[] = [];
    for (const scenario of scenarios) outcomes.push(await runJailbreakScenario(scenario, variant.defences));
    const controls: JailbreakOutcome[] = [];
    for (const scenario of controlScenarios) controls.push(await runJailbreakScenario(scenario, variant.defences));
    const byDefence: Partial<Record<RefusingDefence, number>> = {};
    for (const outcome of outcomes) if (outcome.defence) byDefence[outcome.defence] = (byDefence[outcome.defence] ?? 0) + 1;
    results.push({ variant: variant.name, defences: variant.defences, total: outcomes.length, refused: outcomes.filter((outcome) => outcome.refused).length, byDefence, through: outcomes.filter((outcome) => !outcome.refused).map((outcome) => outcome.scenario), outcomes, controls });
  }
  return results;
}
