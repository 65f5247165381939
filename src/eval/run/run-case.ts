// Runs one case through the agent loop and the real gate, then scores decision, arguments, effects and gate interventions.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ChatMessage, RunSink, Trace } from "../../record/index.js";
import type { RunAgentOptions } from "../../agent/index.js";
import { createSession, runAgent } from "../../agent/index.js";
import type { ModelAdapter } from "../../model/index.js";
import type { Approver, Policy } from "../../policy/index.js";
import type { ToolRegistry } from "../../tool/index.js";
import { createToolRegistry } from "../../tool/index.js";
import type { EvalCase, FunctionDoc } from "../cases/index.js";
import { defaultCaseClock, expectationKind, maxStepsFor, toBfclParameters } from "../cases/index.js";
import type { EffectCheck } from "../effects/index.js";
import { checkEffects, formatStateChange, GroundTruthError, openStateEnvironment } from "../effects/index.js";
import type { ArgumentChecker, ArgumentScore, CaseResult, DecisionScore } from "../scoring/index.js";
import { argumentMismatches, checkerCategory, emptyGateStats, measureTraces, scoreAnyCall, scoreArguments, scoreDecision } from "../scoring/index.js";
import type { CaseToolset } from "./case-tools.js";
import { buildCaseTools } from "./case-tools.js";

export interface RunCaseOptions {
  model: ModelAdapter;
  /** Passed to runAgent as `selectTools` (routing). */
  selectTools?: RunAgentOptions["selectTools"];
  policy?: Policy;
  approver?: Approver;
  checkArguments: ArgumentChecker;
  /** A directory of its own for this case's databases; removed afterwards. */
  workDir: string;
  digest: string;
  signal?: AbortSignal;
  /** A sink every run of the case writes to (an audit trail, content capture), given the case's own tools. */
  sinkFor?: (registry: ToolRegistry) => RunSink;
}

export async function runCase(testCase: EvalCase, options: RunCaseOptions): Promise<CaseResult> {
  const kind = expectationKind(testCase.expect);
  const base: CaseResult = {
    id: testCase.id,
    category: testCase.category ?? "uncategorised",
    kind,
    model: options.model.id,
    digest: options.digest,
    status: "error",
    gate: emptyGateStats(),
    responses: [],
    steps: 0,
    latencyMs: 0,
    modelLatencyMs: 0,
    tokens: { input: 0, output: 0 },
    reasons: [],
  };
  const directory = mkdtempSync(join(options.workDir, "case-"));
  const clock = new Date(testCase.clock ?? defaultCaseClock);
  const openEnvironment = (side: "model" | "truth") => () =>
    openStateEnvironment({ catalog: testCase.catalog, databasePath: join(directory, `${side}.sqlite`), clock });
  let toolset: CaseToolset | undefined;
  try {
    let registry: ToolRegistry;
    try {
      toolset = buildCaseTools(testCase, openEnvironment("model"));
      registry = createToolRegistry({ tools: toolset.tools, areas: toolset.areas });
    } catch (error) {
      // The case's tools cannot be built (an unknown catalog tool, a schema Ajv rejects): the case is wrong, not the model.
      return withError(base, `case ${testCase.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const traces = await runConversation(testCase, registry, toolset.systemPrompt, options);
    const result = measureTraces(base, traces, registry);
    result.evidence = { catalogSize: registry.tools.length };
    const failed = traces.find((trace) => trace.stopReason === "error" || trace.stopReason === "aborted");
    if (failed) return withError(result, failed.error?.message ?? `the run was ${failed.stopReason}`);

    if (kind === "effects") {
      const environment = toolset.environment;
      if (!environment) return withError(result, `case ${testCase.id}: an effects case needs catalog tools`);
      result.effects = await checkEffects({
        groundTruth: testCase.expect.effects ?? [],
        modelState: environment.snapshot(),
        openEnvironment: openEnvironment("truth"),
        now: () => new Date(clock),
      });
    } else {
      const scored = result.responses.flatMap((response) => response.calls);
      const expected = testCase.expect.calls ?? [];
      const actual = scored.map((call) => call.name);
      result.decision = kind === "any_call" ? scoreAnyCall(actual) : scoreDecision(expected.map((call) => Object.keys(call)[0] as string), actual);
      if (kind === "calls") {
        result.arguments = scoreArguments(
          {
            caseId: testCase.id,
            category: checkerCategory(testCase.category, expected.length, registry.tools.length),
            language: testCase.language ?? "python",
            functions: checkerDocs(testCase, registry),
            calls: scored,
            expected,
          },
          options.checkArguments,
        );
        if (!result.arguments.correct) result.evidence.mismatches = argumentMismatches({ expected, calls: scored, ...shownToModel(traces, registry) });
      }
    }
    result.reasons = reasonsFor(result.decision, result.arguments, result.effects);
    result.status = result.reasons.length === 0 ? "passed" : "failed";
    return result;
  } catch (error) {
    if (error instanceof GroundTruthError) return withError(base, error.message);
    throw error;
  } finally {
    toolset?.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function runConversation(testCase: EvalCase, registry: ToolRegistry, catalogPrompt: string | undefined, options: RunCaseOptions): Promise<Trace[]> {
  const system = testCase.system ?? catalogPrompt;
  const shared = {
    model: options.model,
    tools: registry,
    maxSteps: maxStepsFor(testCase),
    ...(options.selectTools ? { selectTools: options.selectTools } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.approver ? { approver: options.approver } : {}),
    ...(options.sinkFor ? { sink: options.sinkFor(registry) } : {}),
  };
  if (testCase.turns) {
    const session = createSession({ ...shared, ...(system ? { system } : {}) });
    const traces: Trace[] = [];
    for (const turn of testCase.turns) {
      const trace = await session.send(turn, { signal: options.signal });
      traces.push(trace);
      // A failed turn leaves nothing sensible for the next one to build on.
      if (trace.stopReason === "error" || trace.stopReason === "aborted") break;
    }
    return traces;
  }
  const given = testCase.messages ?? [];
  const messages: ChatMessage[] = system && given[0]?.role !== "system" ? [{ role: "system", content: system }, ...given] : [...given];
  return [await runAgent({ ...shared, messages, ...(options.signal ? { signal: options.signal } : {}) })];
}

/**
 * What the model had been shown when it gave the scored responses (the first of each run), as text: the messages the
 * run was given and the tools exposed at its first step. Later tool results, the gate's errors included, came after.
 */
function shownToModel(traces: readonly Trace[], registry: ToolRegistry): { conversation: string; schemas: string } {
  const conversation: string[] = [];
  const schemas: string[] = [];
  for (const trace of traces) {
    for (const message of trace.input) conversation.push(message.content);
    for (const name of trace.steps[0]?.exposedTools ?? []) {
      const tool = registry.get(name);
      if (tool) schemas.push(tool.description, JSON.stringify(tool.inputSchema));
    }
  }
  return { conversation: conversation.join("\n"), schemas: schemas.join("\n") };
}

/** What the checker compares against: inline functions as the case wrote them, catalog tools from their JSON Schema. */
function checkerDocs(testCase: EvalCase, registry: ToolRegistry): FunctionDoc[] {
  return registry.tools.map((tool) => {
    const inline = testCase.tools.find((candidate) => typeof candidate !== "string" && candidate.name === tool.name);
    const parameters = inline && typeof inline !== "string" ? inline.parameters : tool.inputSchema;
    return { name: tool.name, description: tool.description, parameters: toBfclParameters(parameters) };
  });
}

function reasonsFor(decision: DecisionScore | undefined, argumentScore: ArgumentScore | undefined, effects: EffectCheck | undefined): string[] {
  const reasons: string[] = [];
  for (const error of decision?.errors ?? []) {
    if (error.code === "wrong_function") reasons.push(`wrong_function: expected ${error.expected}, called ${error.actual}`);
    else if (error.code === "missing_call") reasons.push(decision?.expected.length === 0 ? "missing_call: no function was called (any call would do)" : `missing_call: ${error.expected} was not called`);
    else if (error.code === "extra_call") reasons.push(`extra_call: ${error.actual} was not expected`);
    else reasons.push(`unexpected_call: ${error.actual} was called where no call was expected`);
  }
  // Decision errors already say what went wrong with the names; argument errors add what went wrong inside the calls.
  const decisionCodes = new Set<string>(decision?.errors.map((error) => error.code) ?? []);
  for (const error of argumentScore?.errors ?? []) {
    if (decisionCodes.has(error.code)) continue;
    reasons.push(`${error.code}${error.param ? ` (${error.function ? `${error.function}.` : ""}${error.param})` : ""}: ${error.message}`);
  }
  if (argumentScore && !argumentScore.correct && reasons.length === 0) reasons.push("arguments: the checker rejected the calls");
  const changes = effects?.changes ?? [];
  for (const change of changes.slice(0, 10)) reasons.push(`effects: ${formatStateChange(change)}`);
  if (changes.length > 10) reasons.push(`effects: … and ${changes.length - 10} more differences`);
  return reasons;
}

function withError(result: CaseResult, message: string): CaseResult {
  return { ...result, status: "error", error: message, reasons: [`error: ${message}`] };
}
