// Continues a run paused for approval, in any process: gates the waiting calls again, answers the model, and goes on under the same trace id.
import { addUsage, type CallRecord, type ChatMessage, type JsonValue, type Trace } from "../record/index.js";
import { createGate } from "../gate/gate.js";
import type { ToolRegistry } from "../tool/registry.js";
import { createToolRegistry } from "../tool/registry.js";
import type { RunAgentOptions } from "./run-agent.js";
import { runAgent } from "./run-agent.js";
import type { RunState, SettledResult } from "./run-state.js";
import { RunStateError, runOptionsDigest } from "./run-state.js";

export interface ResumeRunOptions extends Omit<RunAgentOptions, "messages" | "traceId" | "startStep" | "gate"> {
  state: RunState;
  /** Where the decisions are; a run whose calls are still undecided stays paused. */
  approvals: { get(approvalId: string): Promise<{ status: string } | undefined> };
}

/**
 * Each waiting call goes through the whole gate again (validate, policy, approval with its grant checks), so a
 * decision made meanwhile is honoured only if it still holds. Approved calls run; denied ones reach the model as refusals.
 */
export async function resumeRun(options: ResumeRunOptions): Promise<Trace> {
  const { state } = options;
  const registry: ToolRegistry = Array.isArray(options.tools) ? createToolRegistry({ tools: options.tools }) : (options.tools as ToolRegistry);
  const digest = runOptionsDigest({ modelId: options.model.id, registry, ...(options.principal ? { principal: options.principal } : {}) });
  if (digest !== state.optionsDigest) {
    throw new RunStateError(`run ${state.traceId} was paused with another model, tool set or principal; resume it with the same --model, --tools and principal it ran with`);
  }
  for (const waiting of state.pending) {
    const approval = await options.approvals.get(waiting.approvalId);
    if (approval === undefined || approval.status === "pending") return { ...structuredClone(state.trace), stopReason: "approval-pending" };
  }

  const started = performance.now();
  const signal = options.signal ?? new AbortController().signal;
  // A resumed run usually has a fresh tracker (another process): it must see the untrusted results read before the
  // pause, or a waiting call that copies them would pass the taint rules on resume.
  for (const call of state.trace.calls) if (call.step < state.step) options.taint?.observe(call);
  for (const message of state.messages) if (message.role === "user") options.taint?.endorse?.(message.content);
  const resumed: CallRecord[] = [];
  for (const waiting of [...state.pending].sort((a, b) => a.index - b.index)) {
    // The same call id as when it paused: the grant is bound to it.
    const gate = createGate({ ...options, registry, newId: () => waiting.callId });
    const record = await gate.handle(waiting.proposed, {
      traceId: state.traceId,
      step: state.step,
      index: waiting.index,
      signal,
      registry,
      ...(options.principal ? { principal: options.principal } : {}),
      ...(options.taint ? { taintOf: (args: JsonValue) => options.taint!.taintOf(args) } : {}),
    });
    resumed.push(record);
  }
  const results: SettledResult[] = [
    ...state.settled,
    ...resumed.map((call) => ({ index: call.index, callId: call.proposed.id, toolName: call.proposed.name, content: JSON.stringify(call.outcome) })),
  ].sort((a, b) => a.index - b.index);
  const toolMessages: ChatMessage[] = results.map((result) => ({ role: "tool", callId: result.callId, toolName: result.toolName, content: result.content }));
  const byId = new Map(resumed.map((call) => [call.id, call]));
  const head: Trace = {
    ...structuredClone(state.trace),
    calls: state.trace.calls.map((call) => byId.get(call.id) ?? call),
    output: [...state.trace.output, ...toolMessages],
  };
  for (const call of head.calls) if (call.step === state.step) options.taint?.observe(call);

  const maxSteps = options.maxSteps ?? 10;
  if (state.step + 1 >= maxSteps) {
    return { ...head, stopReason: "max-steps", finishedAt: (options.now?.() ?? new Date()).toISOString(), durationMs: head.durationMs + Math.round(performance.now() - started) };
  }
  const rest = await runAgent({
    ...options,
    messages: [...state.messages, ...toolMessages],
    traceId: state.traceId,
    startStep: state.step + 1,
    // A second pause saves the whole history, not just what this process ran.
    ...(options.onApprovalPending ? { onApprovalPending: (next: RunState) => options.onApprovalPending!({ ...next, trace: joinTraces(head, next.trace) }) } : {}),
  });
  return joinTraces(head, rest);
}

function joinTraces(head: Trace, rest: Trace): Trace {
  return {
    ...rest,
    id: head.id,
    startedAt: head.startedAt,
    input: head.input,
    output: [...head.output, ...rest.output],
    steps: [...head.steps, ...rest.steps],
    calls: [...head.calls, ...rest.calls],
    text: rest.text || head.text,
    usage: addUsage(head.usage, rest.usage),
    durationMs: head.durationMs + rest.durationMs,
  };
}
