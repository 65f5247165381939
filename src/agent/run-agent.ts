// The agent loop: ask the model, gate every proposed call (concurrently, results in call order), repeat until done.
import type { Gate, GateOptions } from "../gate/index.js";
import { createGate } from "../gate/index.js";
import { addUsage, newTraceId, type CallRecord, type ChatMessage, emptyUsage, type Principal, type RoutingDecision, type RunSink, type StepRecord, type StopReason, type ToolChoice, type Trace } from "../record/index.js";
import type { ModelAdapter } from "../model/index.js";
import type { ToolRegistry, ToolDefinition } from "../tool/index.js";
import { createToolRegistry } from "../tool/index.js";
import { defenceSettingsOf } from "./defence-settings.js";
import { answerStep, gateStepCalls } from "./step-calls.js";
import type { StopCondition } from "./stop-conditions.js";
import type { SpotlightingTemplate, TaintTracker, ToolChoicePolicy } from "../policy/index.js";
import { assertToolChoiceAllowed } from "../policy/index.js";
import type { RunState } from "./run-state.js";
import { pausedRunState, pendingApprovalOf, runOptionsDigest } from "./run-state.js";

/** What a router returns: the tools to expose, optionally with how it chose them. */
export type ToolSelection = ToolRegistry | { tools: ToolRegistry; routing: RoutingDecision };

export interface RunAgentOptions extends Omit<GateOptions, "registry" | "sink"> {
  model: ModelAdapter;
  /** Receives every CallRecord (through the gate) and the run's hooks. */
  sink?: RunSink;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tools have heterogeneous argument types
  tools: ToolRegistry | ReadonlyArray<ToolDefinition<any, any>>;
  messages: ChatMessage[];
  /** Model calls at most; a step that still proposes calls at the limit ends the run with `max-steps`. Default 10. */
  maxSteps?: number;
  /** Applies to the first step; later steps go back to `auto` unless `resetToolChoice` is false (a forced tool every step never ends). */
  toolChoice?: ToolChoice;
  resetToolChoice?: boolean;
  stopWhen?: StopCondition | StopCondition[];
  signal?: AbortSignal;
  /** Calls from one step that run at once. Default 4. */
  maxParallelCalls?: number;
  /** Narrows the tools shown to the model per step (routing). Default: every registered tool. */
  selectTools?: (context: { step: number; messages: readonly ChatMessage[]; registry: ToolRegistry; signal: AbortSignal }) => ToolSelection | Promise<ToolSelection>;
  /** Reuse a gate across runs (a session does); otherwise one is built from these options. */
  gate?: Gate;
  traceId?: string;
  /** Who the run acts for; every policy decision sees it. */
  principal?: Principal;
  /** Tracks values from untrusted tool results into later calls' arguments (see the security docs). */
  taint?: TaintTracker;
  /** Who may force a tool through `toolChoice`; when set, a choice the principal may not make throws ToolChoiceRefusedError before the run starts. */
  toolChoicePolicy?: ToolChoicePolicy;
  /** Delimits and datamarks results of untrusted tools before the model reads them; its id is recorded in `trace.defences`. */
  spotlighting?: SpotlightingTemplate;
  onStep?: (step: StepRecord, calls: readonly CallRecord[]) => void;
  /**
   * Called when a call waits for approval: save the state so `resumeRun` can continue, sealed at rest (e.g.
   * `pausedRuns(approvalStore, runStateKeyFrom(signer)).save`; the state holds the conversation in full).
   */
  onApprovalPending?: (state: RunState) => void | Promise<void>;
  /** Index of the first step; `resumeRun` continues a paused run's numbering. Default 0. */
  startStep?: number;
}

export async function runAgent(options: RunAgentOptions): Promise<Trace> {
  const now = options.now ?? (() => new Date());
  const registry = isRegistry(options.tools) ? options.tools : createToolRegistry({ tools: options.tools });
  // One policy version for the whole run, even if the policy is hot-reloaded while it runs.
  const policy = options.policy?.snapshot ? options.policy.snapshot() : options.policy;
  const gate = options.gate ?? createGate({ ...options, ...(policy ? { policy } : {}), registry });
  const maxSteps = options.maxSteps ?? 10;
  const stopConditions = options.stopWhen === undefined ? [] : Array.isArray(options.stopWhen) ? options.stopWhen : [options.stopWhen];
  const signal = options.signal ?? new AbortController().signal;
  if (options.toolChoicePolicy) {
    assertToolChoiceAllowed(options.toolChoice, { registry, policy: options.toolChoicePolicy, ...(options.principal ? { principal: options.principal } : {}) });
  }
  // What the user asked for in their own words is theirs: values they typed are not attacker-chosen, wherever else they appear.
  for (const message of options.messages) if (message.role === "user") options.taint?.endorse?.(message.content);
  const spotlighting = options.spotlighting;
  // What a person's decision in this run stands on: a resume under weaker defences is refused (see resumeRun).
  const defences = defenceSettingsOf({ ...(policy ? { policy } : {}), ...(options.taint ? { taint: options.taint } : {}), ...(spotlighting ? { spotlighting } : {}) });
  // Only claimed when the template's rule really is in the system prompt the run starts from.
  const systemTemplate = spotlighting && options.messages.some((message) => message.role === "system" && message.content.includes(spotlighting.systemPrompt)) ? spotlighting.id : undefined;
  const startedAt = now();
  const started = performance.now();

  const trace: Trace = {
    id: options.traceId ?? newTraceId(),
    model: options.model.id,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    input: structuredClone(options.messages),
    output: [],
    steps: [],
    calls: [],
    text: "",
    stopReason: "max-steps",
    usage: emptyUsage(),
    durationMs: 0,
    ...(spotlighting ? { defences: { spotlighting: spotlighting.id, ...(systemTemplate ? { systemTemplate } : {}) } } : {}),
  };
  const conversation = [...options.messages];
  const append = (message: ChatMessage) => {
    conversation.push(message);
    trace.output.push(message);
  };
  const sink = options.sink;
  let runRecorded = false;
  const end = async (reason: StopReason, error?: unknown): Promise<Trace> => {
    trace.stopReason = reason;
    if (error !== undefined) trace.error = describe(error);
    trace.finishedAt = now().toISOString();
    trace.durationMs = Math.round(performance.now() - started);
    // A run whose start never reached the sink has nothing to finish there.
    if (runRecorded && sink?.runFinished) {
      try {
        // Tools the gate stopped waiting for report their late completions first, so the trail closes after them.
        await gate.settle?.();
        await sink.runFinished(trace);
      } catch (failure) {
        // The first failure is the one to report; a sink that already failed usually fails here again.
        trace.error ??= describe(failure);
        trace.stopReason = "error";
      }
    }
    return trace;
  };

  try {
    await sink?.runStarted?.(trace);
    runRecorded = true;
  } catch (error) {
    return end("error", error);
  }

  for (let step = options.startStep ?? 0; step < maxSteps; step++) {
    if (signal.aborted) return end("aborted");
    const stepStarted = performance.now();
    let exposed: ToolRegistry;
    let routing: RoutingDecision | undefined;
    let modelStarted: number;
    let response;
    try {
      const selection = options.selectTools ? await options.selectTools({ step, messages: conversation, registry, signal }) : registry;
      exposed = "routing" in selection ? selection.tools : selection;
      routing = "routing" in selection ? selection.routing : undefined;
      // Counted before the step's own call, so a run whose model then fails still reports what routing spent.
      if (routing?.usage) trace.usage = addUsage(trace.usage, routing.usage);
      const toolChoice = step === 0 || options.resetToolChoice === false ? options.toolChoice : "auto";
      modelStarted = performance.now();
      response = await options.model.generate({ messages: [...conversation], tools: exposed.specs(), toolChoice, signal });
    } catch (error) {
      return end(signal.aborted ? "aborted" : "error", signal.aborted ? undefined : error);
    }
    // Routing's own time (an area-pick model call) is in routing.latencyMs, not here.
    const modelLatencyMs = Math.round(performance.now() - modelStarted);
    trace.usage = addUsage(trace.usage, response.usage);
    trace.text = response.text || trace.text;
    append({ role: "assistant", content: response.text, ...(response.toolCalls.length > 0 ? { toolCalls: response.toolCalls } : {}) });
    const stepRecord: StepRecord = {
      index: step,
      text: response.text,
      proposedCalls: response.toolCalls,
      finishReason: response.finishReason,
      usage: response.usage,
      modelLatencyMs,
      latencyMs: modelLatencyMs,
      exposedTools: exposed.tools.map((tool) => tool.name),
      ...(routing ? { routing } : {}),
    };
    try {
      await sink?.modelResponded?.(stepRecord, trace);
    } catch (error) {
      return end("error", error);
    }

    let calls: CallRecord[];
    try {
      calls = await gateStepCalls(gate, response.toolCalls, { traceId: trace.id, step, signal, exposed, ...(options.principal ? { principal: options.principal } : {}), ...(options.taint ? { taint: options.taint } : {}) }, options.maxParallelCalls ?? 4);
    } catch (error) {
      // Only a failing sink gets here (the gate answers every call): a run that cannot be recorded stops.
      return end("error", error);
    }
    trace.calls.push(...calls);
    if (calls.some((call) => pendingApprovalOf(call) !== undefined)) {
      // A person has to decide first: nothing of this step goes back to the model until the run is resumed.
      stepRecord.latencyMs = Math.round(performance.now() - stepStarted);
      trace.steps.push(stepRecord);
      const optionsDigest = runOptionsDigest({ modelId: options.model.id, registry, ...(options.principal ? { principal: options.principal } : {}) });
      try {
        await options.onApprovalPending?.(pausedRunState({ trace, messages: conversation, step, calls, optionsDigest, defences }));
        await sink?.stepFinished?.(stepRecord, trace);
      } catch (error) {
        return end("error", error);
      }
      return end("approval-pending");
    }
    for (const message of answerStep(calls, { registry, ...(spotlighting ? { spotlighting } : {}), ...(options.taint ? { taint: options.taint } : {}) })) append(message);
    stepRecord.latencyMs = Math.round(performance.now() - stepStarted);
    trace.steps.push(stepRecord);
    try {
      await sink?.stepFinished?.(stepRecord, trace);
    } catch (error) {
      return end("error", error);
    }
    options.onStep?.(stepRecord, calls);

    if (response.toolCalls.length === 0) return end("no-tool-calls");
    if (signal.aborted) return end("aborted");
    if (stopConditions.some((condition) => condition({ steps: trace.steps, calls: trace.calls }))) return end("stop-condition");
  }
  return end("max-steps");
}

function isRegistry(tools: RunAgentOptions["tools"]): tools is ToolRegistry {
  return !Array.isArray(tools) && typeof (tools as ToolRegistry).get === "function";
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: "Error", message: String(error) };
}
