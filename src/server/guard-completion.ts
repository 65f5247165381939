// Guard mode without streaming: ask the upstream, judge its tool calls, send invalid ones back for repair, withhold the rest.
import type { AuditEventInput } from "../audit/index.js";
import type { JsonValue } from "../record/index.js";
import type { JudgeContext, Judgement } from "./judge-calls.js";
import { judgeCalls } from "./judge-calls.js";
import { settleJudged } from "./held-approvals.js";
import type { UpstreamCompletion, UpstreamSettings } from "./upstream.js";
import { completeUpstream } from "./upstream.js";

export interface GuardRequest {
  body: Record<string, unknown>;
  messages: unknown[];
  upstream: UpstreamSettings;
  /** Rounds in which invalid calls go back to the upstream with their structured error (default 2). */
  repairRounds: number;
  judge: Omit<JudgeContext, "step">;
  signal?: AbortSignal;
  /** The client's request as it arrived: sent on as it is in the first round (not serialised again) unless it asks to stream. */
  rawBody?: string;
}

/** A call the client does not get, and why: the machine-readable part of the `toolgate` extension field. */
export interface WithheldCall {
  id: string;
  name: string;
  kind: "invalid" | "denied" | "needs-approval";
  code: string;
  message: string;
  stage?: string;
  rule_id?: string;
  approval_id?: string;
  approver_role?: string;
}

export async function guardCompletion(request: GuardRequest): Promise<UpstreamCompletion> {
  const messages = [...request.messages];
  for (let round = 0; ; round++) {
    const started = performance.now();
    const asSent = round === 0 && (request.body.stream === undefined || request.body.stream === false) ? request.rawBody : undefined;
    const completion = await completeUpstream(request.upstream, { ...request.body, messages, stream: false }, request.signal, asSent);
    request.judge.events.push(modelStepEvent(request.judge.traceId, round, completion, performance.now() - started));
    const choice = completion.choices[0]!;
    const calls = choice.message.tool_calls ?? [];
    if (calls.length === 0) return completion;
    const judged = await judgeCalls(calls, { ...request.judge, step: round });
    const invalid = judged.filter((entry) => entry.kind === "invalid");
    if (invalid.length > 0 && round < request.repairRounds) {
      messages.push({ role: "assistant", content: choice.message.content ?? null, tool_calls: calls });
      for (const entry of judged) messages.push({ role: "tool", tool_call_id: entry.call.id, content: JSON.stringify(repairFeedback(entry)) });
      continue;
    }
    return withheldApplied(completion, await settleJudged(judged, request.judge, request.signal));
  }
}

/** What the upstream is told in a repair round: the structured error for an invalid call, "not run" for the others. */
function repairFeedback(entry: Judgement): JsonValue {
  if (entry.kind === "invalid") return { error: { code: entry.error.code, stage: entry.stage, message: entry.error.message } };
  return { error: { code: "not_run", message: "not run: another call in this turn was invalid; propose the whole turn again with the corrected call" } };
}

export function withheldOf(judged: readonly Judgement[]): WithheldCall[] {
  return judged.flatMap((entry): WithheldCall[] => {
    const base = { id: entry.call.id, name: entry.call.function.name };
    if (entry.kind === "allow") return [];
    if (entry.kind === "invalid") return [{ ...base, kind: "invalid", code: entry.error.code, stage: entry.stage, message: entry.error.message }];
    if (entry.kind === "denied") return [{ ...base, kind: "denied", code: entry.error.code, stage: entry.error.code === "approval_denied" ? "approval" : "policy", message: entry.error.message, ...(entry.ruleId ? { rule_id: entry.ruleId } : {}) }];
    return [{ ...base, kind: "needs-approval", code: "approval_required", stage: "approval", message: entry.reason ?? "the call needs a person's approval", approval_id: entry.approvalId, ...(entry.approverRole ? { approver_role: entry.approverRole } : {}) }];
  });
}

/** The sentence the client's user reads in place of withheld calls. */
export function withheldNotice(withheld: readonly WithheldCall[]): string {
  return withheld
    .map((call) =>
      call.kind === "needs-approval"
        ? `toolgate is holding the call to ${call.name} until a person approves it (approval ${call.approval_id}): ${call.message}`
        : call.kind === "denied"
          ? `toolgate denied the call to ${call.name}: ${call.message}`
          : `toolgate withheld an invalid call to ${call.name}: ${call.message}`,
    )
    .join("\n");
}

function withheldApplied(completion: UpstreamCompletion, judged: readonly Judgement[]): UpstreamCompletion {
  const withheld = withheldOf(judged);
  const allowed = judged.filter((entry) => entry.kind === "allow").map((entry) => entry.call);
  const choice = completion.choices[0]!;
  // An approver's edit changes a released call's arguments; otherwise an all-allowed turn passes through untouched.
  if (withheld.length === 0) return allowed.every((call, index) => call === choice.message.tool_calls?.[index]) ? completion : { ...completion, choices: [{ ...choice, message: { ...choice.message, tool_calls: allowed } }, ...completion.choices.slice(1)] };
  const notice = withheldNotice(withheld);
  const message = { ...choice.message };
  if (allowed.length > 0) {
    message.tool_calls = allowed;
  } else {
    delete message.tool_calls;
    message.content = [choice.message.content, notice].filter((text) => typeof text === "string" && text.length > 0).join("\n");
  }
  return {
    ...completion,
    choices: [{ ...choice, message, finish_reason: allowed.length > 0 ? "tool_calls" : "stop" }, ...completion.choices.slice(1)],
    toolgate: { withheld },
  };
}

export function modelStepEvent(traceId: string, step: number, completion: UpstreamCompletion, latencyMs: number): AuditEventInput {
  const choice = completion.choices[0];
  return {
    type: "model.step",
    traceId,
    at: new Date().toISOString(),
    data: {
      step,
      model: completion.model ?? null,
      finishReason: choice?.finish_reason ?? null,
      toolCalls: choice?.message.tool_calls?.length ?? 0,
      usage: (completion.usage ?? null) as JsonValue,
      latencyMs: Math.round(latencyMs * 1000) / 1000,
    },
  };
}
