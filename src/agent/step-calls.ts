// A step's calls from proposal to answer: what the gate is told about each, and the tool messages that go back to the model.
import type { CallContext, Gate } from "../gate/index.js";
import type { SpotlightingTemplate, TaintTracker } from "../policy/index.js";
import type { CallRecord, ChatMessage, JsonValue, Principal, ProposedCall } from "../record/index.js";
import type { RegisteredTool, ToolRegistry } from "../tool/index.js";
import { mapConcurrent } from "./map-concurrent.js";
import { toolResultMessages } from "./tool-result-message.js";

/** What every call of one step shares when it is gated. */
export interface StepScope {
  traceId: string;
  step: number;
  signal: AbortSignal;
  /** The tools the model was shown this step. */
  exposed: ToolRegistry;
  principal?: Principal;
  taint?: TaintTracker;
}

/** The gate's view of one call: the one place principal and taint are handed over, for a running and a resumed run alike. */
export function callContext(scope: StepScope, index: number): CallContext {
  const { taint } = scope;
  return {
    traceId: scope.traceId,
    step: scope.step,
    index,
    signal: scope.signal,
    registry: scope.exposed,
    ...(scope.principal ? { principal: scope.principal } : {}),
    ...(taint ? { taintOf: (args: JsonValue) => taint.taintOf(args) } : {}),
    ...(taint?.provenanceOf ? { provenanceOf: (tool: RegisteredTool, args: JsonValue) => taint.provenanceOf!(tool, args) } : {}),
  };
}

/** Gates the step's proposals, at most `maxParallel` at once; records come back in call order. */
export function gateStepCalls(gate: Gate, proposals: readonly ProposedCall[], scope: StepScope, maxParallel: number): Promise<CallRecord[]> {
  return mapConcurrent(proposals, maxParallel, (call, index) => gate.handle(call, callContext(scope, index)));
}

export interface AnswerOptions {
  /** Every registered tool, for which results are untrusted. */
  registry: Pick<ToolRegistry, "get">;
  spotlighting?: SpotlightingTemplate;
  taint?: TaintTracker;
}

/**
 * The settled step as the model reads it: the tracker sees every result first (they taint the next steps' arguments,
 * not calls running beside them), then one tool message per call in call order, spotlighted where untrusted.
 */
export function answerStep(calls: readonly CallRecord[], options: AnswerOptions): ChatMessage[] {
  const ordered = [...calls].sort((a, b) => a.index - b.index);
  for (const call of ordered) options.taint?.observe(call);
  return toolResultMessages(ordered, options);
}
