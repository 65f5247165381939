// Continues a run paused for approval, in any process, with the loop's own pieces: gate the waiting calls, answer the model, go on under the same trace id.
import { randomUUID } from "node:crypto";
import type { Gate } from "../gate/index.js";
import { createGate } from "../gate/index.js";
import type { Approver } from "../policy/index.js";
import { allowAll, noApprover } from "../policy/index.js";
import { addUsage, type CallRecord, type Trace } from "../record/index.js";
import type { ToolRegistry } from "../tool/index.js";
import { createToolRegistry } from "../tool/index.js";
import { defenceSettingsOf, describeDefences, weakerDefences } from "./defence-settings.js";
import type { PausedRuns } from "./paused-runs.js";
import { personDecides } from "./person-decides-policy.js";
import type { RunAgentOptions } from "./run-agent.js";
import { runAgent } from "./run-agent.js";
import type { RunState } from "./run-state.js";
import { pausedRunState, pausedStepCalls, pendingApprovalOf, RunStateError, runOptionsDigest } from "./run-state.js";
import { answerStep, callContext } from "./step-calls.js";

export interface ResumeRunOptions extends Omit<RunAgentOptions, "messages" | "traceId" | "startStep" | "gate"> {
  state: RunState;
  /** Where the decisions are; a run whose calls are still undecided stays paused. */
  approvals: { get(approvalId: string): Promise<{ status: string } | undefined> };
  /**
   * Where the run's state is kept (sealed). With it, a resume marks the run taken over before anything runs, so a
   * finished (or already resumed) run is refused instead of calling the model again and rewriting what ran; and a
   * second pause is saved there unless `onApprovalPending` says otherwise.
   */
  runs?: PausedRuns;
  /**
   * The operator decides every waiting call again, under this resume's configuration: each call a person has not
   * denied goes back to a person as a new request (the run stays paused until they decide). Needed to resume under
   * weaker defences than the run paused with; a denied call stays denied either way.
   */
  redecide?: boolean;
}

/**
 * Each waiting call goes through the whole gate again (validate, policy, approval with its grant checks), so a
 * decision made meanwhile is honoured only if it still holds; and it is always the person's decision that settles it
 * (see personDecides). Approved calls run; denied ones reach the model as refusals. The tool messages are built by
 * the same pieces as an uninterrupted run's, so the model reads the same bytes either way.
 */
export async function resumeRun(options: ResumeRunOptions): Promise<Trace> {
  const { state } = options;
  const registry: ToolRegistry = Array.isArray(options.tools) ? createToolRegistry({ tools: options.tools }) : (options.tools as ToolRegistry);
  const policy = options.policy?.snapshot ? options.policy.snapshot() : options.policy;
  const now = options.now ?? (() => new Date());
  const digest = runOptionsDigest({ modelId: options.model.id, registry, ...(options.principal ? { principal: options.principal } : {}) });
  if (digest !== state.optionsDigest) {
    throw new RunStateError(`run ${state.traceId} was paused with another model, tool set or principal; resume it with the same --model, --tools and principal it ran with`);
  }
  if (options.runs) await assertStillPaused(options.runs, state);
  const defences = defenceSettingsOf({ ...(policy ? { policy } : {}), ...(options.taint ? { taint: options.taint } : {}), ...(options.spotlighting ? { spotlighting: options.spotlighting } : {}) });
  const weaker = weakerDefences(state.defences, defences);
  if (weaker.length > 0 && options.redecide !== true) {
    throw new RunStateError(
      `run ${state.traceId} paused under ${describeDefences(state.defences)}; this resume is weaker: ${weaker.join("; ")}. ` +
        "Resume with the same --policy, --spotlighting and taint tracking it ran with, or pass --redecide to have a person decide every waiting call again under this configuration (denied calls stay denied)",
    );
  }
  const statuses = new Map<string, string | undefined>();
  for (const waiting of state.pending) statuses.set(waiting.approvalId, (await options.approvals.get(waiting.approvalId))?.status);
  const undecided = [...statuses.values()].some((status) => status === undefined || status === "pending");
  if (undecided && options.redecide !== true) return { ...structuredClone(state.trace), stopReason: "approval-pending" };

  // From here the run goes on: it is marked taken over first, so no later resume can run it (or ask the model) again.
  // The claim is one conditional write: of two resumes that both read the run as paused, only one goes on.
  if (options.runs && !(await options.runs.claim({ ...state, resumedAt: now().toISOString() }))) {
    throw new RunStateError(`run ${state.traceId} was taken over by another resume meanwhile and cannot be resumed again: what ran stays as recorded (see \`toolgate audit show ${state.traceId}\`)`);
  }
  const started = performance.now();
  const signal = options.signal ?? new AbortController().signal;
  // A resumed run usually has a fresh tracker (another process): it must see the untrusted results read before the
  // pause, or a waiting call that copies them would pass the taint rules on resume.
  for (const call of state.trace.calls) if (call.step < state.step) options.taint?.observe(call);
  for (const message of state.messages) if (message.role === "user") options.taint?.endorse?.(message.content);

  const newId = options.newId ?? randomUUID;
  const resumed: CallRecord[] = [];
  const gates: Gate[] = [];
  for (const waiting of state.pending) {
    // The same call id as when it paused, so the decision on record (bound to it) settles it; a re-decided call gets
    // a new id, and so a new request for a person, unless a person already denied it.
    const redecided = options.redecide === true && statuses.get(waiting.approvalId) !== "denied";
    const callId = redecided ? newId() : waiting.callId;
    const reason = redecided
      ? `run ${state.traceId} is resumed under another configuration (${describeDefences(defences)}); a person decides this waiting call again`
      : `this call waited for a person in run ${state.traceId}; their decision settles it`;
    const denied = statuses.get(waiting.approvalId) === "denied";
    const gate = createGate({
      ...options,
      policy: personDecides(policy ?? allowAll, new Set([callId]), reason),
      // Whoever answers on resume (the store, or another approver a library user passes), a denial on record stands.
      ...(denied ? { approver: denialStands(options.approver ?? noApprover, waiting.approvalId) } : {}),
      registry,
      newId: () => callId,
    });
    const scope = { traceId: state.traceId, step: state.step, signal, exposed: registry, ...(options.principal ? { principal: options.principal } : {}), ...(options.taint ? { taint: options.taint } : {}) };
    gates.push(gate);
    resumed.push(await gate.handle(waiting.proposed, callContext(scope, waiting.index)));
  }
  // A waiting call that timed out on resume may still finish: its late completion reaches the sink before this returns.
  const settled = async <T>(value: T): Promise<T> => {
    for (const gate of gates) await gate.settle?.();
    return value;
  };

  const byIndex = new Map(resumed.map((call) => [call.index, call]));
  const stepCalls = pausedStepCalls(state).map((call) => byIndex.get(call.index) ?? call);
  const head: Trace = {
    ...structuredClone(state.trace),
    calls: state.trace.calls.map((call) => (call.step === state.step ? byIndex.get(call.index) ?? call : call)),
  };
  if (stepCalls.some((call) => pendingApprovalOf(call) !== undefined)) {
    // Re-decided calls wait for a person again: the run pauses at the same step, under this resume's defences.
    const paused = pausedRunState({ trace: head, messages: state.messages, step: state.step, calls: stepCalls, optionsDigest: digest, defences });
    await (options.onApprovalPending ?? options.runs?.save)?.(paused);
    return settled({ ...head, stopReason: "approval-pending" });
  }
  const toolMessages = answerStep(stepCalls, { registry, ...(options.spotlighting ? { spotlighting: options.spotlighting } : {}), ...(options.taint ? { taint: options.taint } : {}) });
  head.output = [...head.output, ...toolMessages];

  const maxSteps = options.maxSteps ?? 10;
  if (state.step + 1 >= maxSteps) {
    return settled({ ...head, stopReason: "max-steps", finishedAt: now().toISOString(), durationMs: head.durationMs + Math.round(performance.now() - started) });
  }
  const saveLater = options.onApprovalPending ?? options.runs?.save;
  // The per-run call cap counts on from the calls proposed before the pause: a pause must not buy a fresh allowance.
  const callsBefore = state.callsProposed ?? state.trace.calls.length;
  const rest = await runAgent({
    ...options,
    messages: [...state.messages, ...toolMessages],
    traceId: state.traceId,
    startStep: state.step + 1,
    ...(options.callCaps === false ? {} : { callCaps: { ...options.callCaps, resumed: { traceId: state.traceId, callsBefore } } }),
    // A second pause saves the whole history, not just what this process ran.
    ...(saveLater
      ? {
          onApprovalPending: (next: RunState) => {
            const trace = joinTraces(head, next.trace);
            return saveLater({ ...next, trace, callsProposed: trace.calls.length });
          },
        }
      : {}),
  });
  return settled(joinTraces(head, rest));
}

/** An approver that can only refuse: it passes on the refusal the approver gives (the store names the person and why), or says why. */
function denialStands(approver: Approver, approvalId: string): Approver {
  return {
    async requestApproval(request, signal) {
      const answer = await approver.requestApproval(request, signal);
      if (!answer.approved) return answer;
      return { approved: false, approver: answer.approver, reason: `approval ${approvalId} was denied by a person; a denied call never runs, whoever answers later` };
    },
  };
}

/** Refuses a run whose kept state says it went on already (or that was paused again since `state` was read). */
async function assertStillPaused(runs: PausedRuns, state: RunState): Promise<void> {
  const kept = await runs.load(state.traceId);
  if (kept === undefined) return;
  if (kept.resumedAt !== undefined) {
    throw new RunStateError(
      `run ${state.traceId} was already resumed at ${kept.resumedAt} and cannot be resumed again: what ran stays as recorded (see \`toolgate audit show ${state.traceId}\`); start a new run to go on`,
    );
  }
  const ids = (run: RunState) => run.pending.map((call) => call.callId).join(",");
  if (kept.step !== state.step || ids(kept) !== ids(state)) {
    throw new RunStateError(`run ${state.traceId} has moved on since this state was read (it now waits at step ${kept.step}); resume from the state kept for it`);
  }
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
