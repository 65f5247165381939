// One BFCL multi-turn entry through the model and the gate: every user turn in one session, every step recorded as BFCL records it.
import type { Trace } from "../../../record/index.js";
import type { RunAgentOptions } from "../../../agent/index.js";
import { createSession } from "../../../agent/index.js";
import type { ModelAdapter } from "../../../model/index.js";
import type { Approver, Policy } from "../../../policy/index.js";
import type { BfclLine } from "../checker/index.js";
import { BfclDataError, field, PyDict } from "../checker/index.js";
import type { CaseResult } from "../../../eval/index.js";
import { emptyGateStats, measureTraces } from "../../../eval/index.js";
import type { MultiTurnEnvironment } from "./multi-turn-environment.js";
import { createMultiTurnEnvironment } from "./multi-turn-environment.js";
import type { MultiTurnFunctionDocs } from "./multi-turn-function-docs.js";
import type { MultiTurnResultLine, MultiTurnStep } from "./multi-turn-result-file.js";
import { inferenceErrorLine } from "./multi-turn-result-file.js";

/** BFCL's MAXIMUM_STEP_LIMIT: a turn is force-terminated once the model makes calls in more steps than this. */
export const maximumStepLimit = 20;

/** What BFCL says in the turn that hands a miss_func model its withheld functions (that turn has no message of its own). */
export const additionalFunctionPrompt = "I have updated some more functions you can choose from. What about now?";

export interface RunMultiTurnEntryOptions {
  /** The question line from `BFCL_v4_multi_turn_<x>.json`. */
  question: BfclLine;
  category: string;
  docs: MultiTurnFunctionDocs;
  model: ModelAdapter;
  /** The `<model>` folder name, which the reference also builds instance names from. */
  modelName: string;
  /** Routing within the functions shown at the turn. */
  router?: RunAgentOptions["selectTools"];
  policy?: Policy;
  approver?: Approver;
  digest: string;
  signal?: AbortSignal;
}

export interface MultiTurnEntryRun {
  line: MultiTurnResultLine;
  /** Measured but not yet judged (`kind: "effects"`, status `failed` until BFCL's checker scores the line), or `error`. */
  result: CaseResult;
  traces: Trace[];
  /** The model-side instances after the run. */
  environment: MultiTurnEnvironment;
  /** The model made calls in more than {@link maximumStepLimit} steps of a turn; the remaining turns were not run. */
  forceTerminated: boolean;
}

export async function runMultiTurnEntry(options: RunMultiTurnEntryOptions): Promise<MultiTurnEntryRun> {
  const { question } = options;
  const environment = createMultiTurnEnvironment({ id: question.id, questionText: question.text, docs: options.docs, modelName: options.modelName });
  const turnTexts = userTurns(question, environment.holdoutTurns);
  let turn = 0;
  const session = createSession({
    model: options.model,
    tools: environment.registry,
    sink: environment.sink,
    // BFCL counts a step once its calls ran and quits when the count passes the limit: the turn may take one step more.
    maxSteps: maximumStepLimit + 1,
    // The reference executes a step's calls one after another, in the order the model wrote them.
    maxParallelCalls: 1,
    selectTools: (context) => {
      const shown = environment.toolsAt(turn);
      return options.router ? options.router({ ...context, registry: shown }) : shown;
    },
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.approver ? { approver: options.approver } : {}),
  });

  const traces: Trace[] = [];
  const steps: MultiTurnStep[][] = [];
  const inputTokens: number[][] = [];
  const outputTokens: number[][] = [];
  const latency: number[][] = [];
  let forceTerminated = false;
  let failure: string | undefined;
  for (; turn < turnTexts.length; turn++) {
    const trace = await session.send(turnTexts[turn] as string, options.signal ? { signal: options.signal } : {});
    traces.push(trace);
    if (trace.stopReason === "error" || trace.stopReason === "aborted") {
      failure = trace.error?.message ?? `the run was ${trace.stopReason}`;
      break;
    }
    steps.push(
      trace.steps.map((step) =>
        step.proposedCalls.length > 0
          ? step.proposedCalls.map((call) => ({ [environment.registry.get(call.name)?.name ?? call.name]: call.arguments }))
          : step.text,
      ),
    );
    inputTokens.push(trace.steps.map((step) => step.usage.inputTokens));
    outputTokens.push(trace.steps.map((step) => step.usage.outputTokens));
    latency.push(trace.steps.map((step) => step.modelLatencyMs / 1000));
    if (trace.stopReason === "max-steps") {
      // BFCL stops the whole entry here; the missing turns make its checker report force_terminated.
      forceTerminated = true;
      break;
    }
  }

  const result = measure(options, traces, environment);
  if (failure !== undefined) {
    return { line: inferenceErrorLine(question.id, failure), result: { ...result, status: "error", error: failure, reasons: [`error: ${failure}`] }, traces, environment, forceTerminated };
  }
  const line: MultiTurnResultLine = { id: question.id, result: steps, input_token_count: inputTokens, output_token_count: outputTokens, latency };
  return { line, result, traces, environment, forceTerminated };
}

/** The user message of each turn; a miss_func holdout turn gets BFCL's fixed prompt. */
function userTurns(question: BfclLine, holdoutTurns: ReadonlySet<number>): string[] {
  const turns = field(question, "question");
  if (!Array.isArray(turns)) throw new BfclDataError(`${question.id}: "question" must be a list of turns; use an unmodified BFCL data directory`);
  return turns.map((turn, index) => {
    const messages = Array.isArray(turn) ? turn : [];
    if (messages.length === 0) {
      if (holdoutTurns.has(index)) return additionalFunctionPrompt;
      throw new BfclDataError(`${question.id}: turn ${index} has no message and adds no function; use an unmodified BFCL data directory`);
    }
    const [message] = messages;
    const content = message instanceof PyDict ? message.get("content") : undefined;
    if (messages.length !== 1 || !(message instanceof PyDict) || message.get("role") !== "user" || typeof content !== "string") {
      throw new BfclDataError(`${question.id}: turn ${index} must be one user message, as in BFCL's multi-turn data; use an unmodified BFCL data directory`);
    }
    return content;
  });
}

/** Latency, tokens, gate interventions and the first response of each turn, as single-turn cases measure them. */
function measure(options: RunMultiTurnEntryOptions, traces: readonly Trace[], environment: MultiTurnEnvironment): CaseResult {
  const base: CaseResult = {
    id: options.question.id,
    category: options.category,
    kind: "effects",
    model: options.model.id,
    digest: options.digest,
    status: "failed",
    gate: emptyGateStats(),
    responses: [],
    steps: 0,
    latencyMs: 0,
    modelLatencyMs: 0,
    tokens: { input: 0, output: 0 },
    reasons: [],
  };
  return measureTraces(base, traces, environment.registry);
}
