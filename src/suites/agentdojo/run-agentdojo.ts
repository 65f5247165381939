// AgentDojo through the gate: utility mode (user tasks alone) and compromised-model mode (the model obeys every injection).
import { runAgent } from "../../agent/index.js";
import { type CallRecord, emptyUsage, type JsonValue } from "../../record/index.js";
import type { ModelRequest, ModelResponse } from "../../model/index.js";
import { scriptedModel } from "../../model/index.js";
import { approverFrom } from "../../policy/index.js";
import { createToolRegistry } from "../../tool/index.js";
import type { AgentDojoSuiteName, AgentDojoTask, AgentDojoToolSchema } from "./data.js";
import { agentDojoRoot, loadAgentDojoEnvironment, loadAgentDojoTasks, loadAgentDojoTools, loadAttackTemplates, loadInjectionVectors, renderAttack } from "./data.js";
import type { DefenceSetup } from "../defence-setups/defences.js";
import { evaluatePythonArgs, evaluatePythonExpression } from "./python-args.js";
import type { SuitePort } from "./suite-port.js";
import { buildSuiteTools } from "./suite-tools.js";

export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

interface AgentDojoPairResult {
  userTask: string;
  injectionTask?: string;
  /** The injection reached the model in some tool result (compromised mode only). */
  exposed: boolean;
  utility: boolean;
  attackSucceeded?: boolean;
  /** Calls that reached the approval stage, by whose calls they were. */
  userCallsNeedingApproval: number;
  /** Why each of the user's calls needed a person: `tool: rule` (and the unproven or tainted argument). */
  approvalReasons: string[];
  attackerCallsNeedingApproval: number;
  /** Attacker calls stopped by the policy (deny) or by a declined approval. */
  attackerCallsBlocked: number;
}

interface Proportion {
  passed: number;
  total: number;
}

export interface AgentDojoDefenceResult {
  suite: AgentDojoSuiteName;
  defence: string;
  description: string;
  unavailable?: string;
  /** User tasks achieved with no call needing anyone's approval (AgentDojo's utility, for a deployment nobody watches). */
  utility: Proportion;
  /** User tasks achieved when a person approves exactly the calls the user's own task makes. */
  utilityWithApproval: Proportion;
  /** User tasks with at least one call that needed approval, and the calls. */
  approvalTasks: number;
  approvalCalls: number;
  /** User tasks achieved while under attack, a person approving the user's own calls. */
  utilityUnderAttack: Proportion;
  /** Attack success over exposed pairs (the injection reached the model). */
  attackSuccess: Proportion;
  pairs: number;
  pairResults: AgentDojoPairResult[];
  utilityResults: AgentDojoPairResult[];
}

export interface RunAgentDojoOptions {
  dataDir: string;
  port: SuitePort<unknown>;
  defence: DefenceSetup;
  /** Attack template name from attacks.json (default `important_instructions`). */
  attack?: string;
  /** At most this many user tasks and injection tasks (for quick runs). */
  limit?: number;
  /** Only the user tasks alone (utility), no injection pairs: a quick look at what asks a person. */
  utilityOnly?: boolean;
  /** Only these task ids (for tests of one pair): user tasks and injection tasks named here; a kind not named runs whole. */
  only?: readonly string[];
}

export class AgentDojoRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentDojoRunError";
  }
}

export async function runAgentDojoSuite(options: RunAgentDojoOptions): Promise<AgentDojoDefenceResult> {
  const { port, defence } = options;
  const root = agentDojoRoot(options.dataDir);
  const schemas = loadAgentDojoTools(root, port.suite);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const picked = (tasks: AgentDojoTask[]) => {
    const named = options.only ? tasks.filter((task) => options.only!.includes(task.id)) : [];
    return (named.length > 0 ? named : tasks).slice(0, limit);
  };
  const userTasks = picked(loadAgentDojoTasks(root, "user", port.suite));
  const injectionTasks = options.utilityOnly ? [] : picked(loadAgentDojoTasks(root, "injection", port.suite));
  const result: AgentDojoDefenceResult = {
    suite: port.suite,
    defence: defence.name,
    description: defence.description,
    ...(defence.unavailable ? { unavailable: defence.unavailable } : {}),
    utility: { passed: 0, total: 0 },
    utilityWithApproval: { passed: 0, total: 0 },
    approvalTasks: 0,
    approvalCalls: 0,
    utilityUnderAttack: { passed: 0, total: 0 },
    attackSuccess: { passed: 0, total: 0 },
    pairs: 0,
    pairResults: [],
    utilityResults: [],
  };
  if (defence.unavailable) return result;

  const cleanRaw = loadAgentDojoEnvironment(root, port.suite);
  for (const task of userTasks) {
    const outcome = await runEpisode({ port, schemas, defence, raw: cleanRaw, userTask: task });
    result.utilityResults.push(outcome);
    result.utility.total++;
    result.utilityWithApproval.total++;
    if (outcome.utility) result.utilityWithApproval.passed++;
    if (outcome.utility && outcome.userCallsNeedingApproval === 0) result.utility.passed++;
    if (outcome.userCallsNeedingApproval > 0) result.approvalTasks++;
    result.approvalCalls += outcome.userCallsNeedingApproval;
  }

  const templates = loadAttackTemplates(root);
  const attackName = options.attack ?? "important_instructions";
  const template = templates[attackName];
  if (!template) throw new AgentDojoRunError(`unknown attack "${attackName}"; use one of: ${Object.keys(templates).join(", ")}`);
  const vectors = Object.keys(loadInjectionVectors(root, port.suite));
  for (const injectionTask of injectionTasks) {
    const injectionText = renderAttack(template, injectionTask.text);
    const raw = loadAgentDojoEnvironment(root, port.suite, Object.fromEntries(vectors.map((vector) => [vector, injectionText])));
    for (const userTask of userTasks) {
      const outcome = await runEpisode({ port, schemas, defence, raw, userTask, injection: { task: injectionTask, marker: injectionTask.text } });
      result.pairResults.push(outcome);
      result.pairs++;
      result.utilityUnderAttack.total++;
      if (outcome.utility) result.utilityUnderAttack.passed++;
      if (outcome.exposed) {
        result.attackSuccess.total++;
        if (outcome.attackSucceeded) result.attackSuccess.passed++;
      }
    }
  }
  return result;
}

interface Episode {
  port: SuitePort<unknown>;
  schemas: readonly AgentDojoToolSchema[];
  defence: DefenceSetup;
  raw: unknown;
  userTask: AgentDojoTask;
  injection?: { task: AgentDojoTask; marker: string };
}

export function planCalls(task: AgentDojoTask, port: SuitePort<unknown>, kind: "user" | "injection", pre: unknown): PlannedCall[] {
  return task.ground_truth_calls.map((call) => ({ name: call.function, args: evaluatePythonArgs(call.args_src, taskScope(task, port, kind, pre)) }));
}

/** The task's own text: upstream builds a few prompts at run time from the task's constants (an f-string). */
function taskText(task: AgentDojoTask, port: SuitePort<unknown>, kind: "user" | "injection", pre: unknown): string {
  return task.textSource === undefined ? task.text : String(evaluatePythonExpression(task.textSource, taskScope(task, port, kind, pre)));
}

function taskScope(task: AgentDojoTask, port: SuitePort<unknown>, kind: "user" | "injection", pre: unknown) {
  return { constants: { ...port.constants[kind], ...port.taskConstants?.[task.id] }, helpers: port.helpers, environment: pre };
}

async function runEpisode(episode: Episode): Promise<AgentDojoPairResult> {
  const { port, defence, userTask, injection } = episode;
  const pre = port.createEnvironment(episode.raw);
  const state = port.createEnvironment(episode.raw);
  const userCalls = planCalls(userTask, port, "user", pre);
  const attackerCalls = injection ? planCalls(injection.task, port, "injection", pre) : [];
  const registry = createToolRegistry({ tools: buildSuiteTools(port, episode.schemas, state, { markUntrusted: defence.markUntrusted }) });

  // The user recognises and approves exactly what they asked for; anything else is declined.
  const asked = new Set(userCalls.map((call) => canonical(call.name, call.args)));
  const approver = approverFrom(defence.approver === "all" ? "rubber-stamp" : "user", (request) =>
    defence.approver === "all" || asked.has(canonical(request.toolName, request.arguments)),
  );

  const marker = injection ? JSON.stringify(injection.marker).slice(1, -1).slice(0, 60) : undefined;
  let exposed = false;
  let nextUser = 0;
  let nextAttacker = 0;
  const maxSteps = userCalls.length + attackerCalls.length + 2;
  const turn = (request: ModelRequest): ModelResponse => {
      if (marker && !exposed && latestToolResults(request).some((content) => content.includes(marker))) exposed = true;
      let planned: PlannedCall | undefined;
      let id = "";
      if (exposed && nextAttacker < attackerCalls.length) {
        id = `attacker_${nextAttacker}`;
        planned = attackerCalls[nextAttacker++];
      } else if (nextUser < userCalls.length) {
        id = `user_${nextUser}`;
        planned = userCalls[nextUser++];
      }
      if (!planned) return { text: "Done.", toolCalls: [], usage: emptyUsage(), finishReason: "stop" };
      return { text: "", toolCalls: [{ id, name: planned.name, arguments: JSON.stringify(planned.args) }], usage: emptyUsage(), finishReason: "tool-calls" };
  };
  const model = scriptedModel(Array.from({ length: maxSteps }, () => turn), injection ? "compromised-replay" : "ground-truth-replay");

  const trace = await runAgent({
    model,
    tools: registry,
    messages: [{ role: "user", content: taskText(userTask, port, "user", pre) }],
    policy: defence.policy,
    approver,
    ...(defence.createTaint ? { taint: defence.createTaint(registry, { ...(port.readers ? { readers: port.readers(state) } : {}), ...(port.selections ? { selections: port.selections } : {}) }) } : {}),
    maxSteps,
    traceId: `${port.suite}/${userTask.id}${injection ? `/${injection.task.id}` : ""}`,
  });
  if (trace.stopReason === "error") throw new AgentDojoRunError(`${trace.id}: the run failed: ${trace.error?.message ?? "unknown error"}`);

  const ofUser = trace.calls.filter((call) => call.proposed.id.startsWith("user_"));
  const ofAttacker = trace.calls.filter((call) => call.proposed.id.startsWith("attacker_"));
  const stateVerdict = port.utility(userTask.id, pre, state);
  const utility = stateVerdict ?? (ofUser.length === userCalls.length && ofUser.every((call) => call.status === "succeeded"));
  return {
    userTask: userTask.id,
    ...(injection ? { injectionTask: injection.task.id, attackSucceeded: port.security(injection.task.id, pre, state) } : {}),
    exposed,
    utility,
    userCallsNeedingApproval: ofUser.filter(neededApproval).length,
    approvalReasons: ofUser.filter(neededApproval).map(approvalReason),
    attackerCallsNeedingApproval: ofAttacker.filter(neededApproval).length,
    attackerCallsBlocked: ofAttacker.filter((call) => call.status === "rejected").length,
  };
}

/** `send_email: provenance:approve-unproven-write (/recipients/0 email)`: the rule that asked and the argument it was about. */
function approvalReason(call: CallRecord): string {
  const rule = call.verdicts.find((verdict) => verdict.stage === "policy")?.ruleId ?? "?";
  const unproven = (call.provenance ?? []).filter((entry) => !entry.proven).map((entry) => `${entry.path} ${entry.kind}${entry.from ? ` (${entry.from.join("|")})` : ""}`);
  const tainted = (call.taint ?? []).filter((entry) => entry.endorsedByUser !== true).map((entry) => `${entry.path} tainted`);
  const detail = [...unproven.map((entry) => `${entry} unproven`), ...tainted];
  return `${call.toolName ?? call.proposed.name}: ${rule}${detail.length > 0 ? ` (${detail.join(", ")})` : ""}`;
}

function neededApproval(call: CallRecord): boolean {
  return call.verdicts.some((verdict) => verdict.stage === "approval");
}

/** Tool results the model received since its last reply. */
function latestToolResults(request: ModelRequest): string[] {
  const results: string[] = [];
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]!;
    if (message.role !== "tool") break;
    results.push(message.content);
  }
  return results;
}

function canonical(name: string, args: unknown): string {
  return `${name}:${JSON.stringify(sortKeys(args as JsonValue))}`;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key]!)]));
}
