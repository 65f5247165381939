// The audit events one run produces, as data: their shapes, and how a Trace, a step and a CallRecord become them.
import { type ArgumentProvenance, type ArgumentTaint, type CallRecord, type CallStatus, digestOf, type ExecutionRecord, type FinishReason, type GateStage, type JsonValue, type Principal, type Repair, type RiskLevel, type RoutingDecision, type StepRecord, type StopReason, type ToolEffect, type ToolOutcome, type Trace, type Usage, type Verdict } from "../record/index.js";
import type { AuditEventInput } from "./types.js";

export interface RunStartedData {
  model: string;
  /** The messages the run starts from, by digest only: prompts can hold personal data, digests still prove what was sent. */
  input: { count: number; digest: string; messages: Array<{ role: string; digest: string }> };
}

export interface RoutingDecisionData {
  step: number;
  exposedTools: string[];
  routing?: RoutingDecision;
}

export interface ModelStepData {
  step: number;
  model: string;
  /** The conversation the model was sent for this step. */
  input: { count: number; digest: string };
  /** The assistant message it answered with; proposed calls by id and name (their arguments are in call.proposed). */
  output: { digest: string; textChars: number; toolCalls: Array<{ id: string; name: string }> };
  finishReason: FinishReason;
  usage: Usage;
  latencyMs: number;
}

export interface CallProposedData {
  step: number;
  index: number;
  /** The id the model gave the call. */
  modelCallId: string;
  /** The name as the model sent it. */
  name: string;
  /** The raw argument text as the model sent it. */
  arguments: string;
  toolName?: string;
  toolDigest?: string;
  area?: string;
  risk?: RiskLevel;
  callDigest?: string;
  decodedArguments?: JsonValue;
  repairs: Repair[];
  /** Argument values found in untrusted tool results, with the calls they came from: what taint rules decided on. */
  taint?: ArgumentTaint[];
  /** Each steering argument and the trusted sources its value was traced to: what provenance rules decided on. */
  provenance?: ArgumentProvenance[];
  /** Who the run acted for (id, roles, tenant): what principal and role rules decided on. */
  principal?: Principal;
}

export interface CallVerdictData {
  step: number;
  index: number;
  /** Position of this verdict in the call's sequence (0 = decode). */
  position: number;
  stage: GateStage;
  outcome: Verdict["outcome"];
  durationUs: number;
  reason?: string;
  ruleId?: string;
  detail?: JsonValue;
  /** Approval verdicts only: who answered, and the call digest the answer binds to. */
  approver?: string;
  callDigest?: string;
}

export interface CallExecutedData {
  step: number;
  index: number;
  toolName?: string;
  status: CallStatus;
  /** False when a stage refused the call: nothing ran, and `outcome` is the refusal the model was sent. */
  ran: boolean;
  execution?: ExecutionRecord;
  durationMs: number;
  outcome: ToolOutcome;
}

export interface CallEffectsData {
  step: number;
  index: number;
  toolName?: string;
  effects: ToolEffect[];
}

export interface RunFinishedData {
  model: string;
  stopReason: StopReason;
  usage: Usage;
  durationMs: number;
  steps: number;
  calls: number;
  rejected: number;
  failed: number;
  error?: { name: string; message: string };
  /** The messages the run appended, and its final text, by digest. */
  outputDigest: string;
  textDigest: string;
}

export function runStartedEvent(trace: Trace): AuditEventInput {
  const data: RunStartedData = {
    model: trace.model,
    input: {
      count: trace.input.length,
      digest: digestOf(trace.input),
      messages: trace.input.map((message) => ({ role: message.role, digest: digestOf(message) })),
    },
  };
  return { type: "run.started", traceId: trace.id, at: trace.startedAt, data: json(data) };
}

/** The routing decision and the model's answer for one step; `answeredAt` is when the model answered. */
export function modelStepEvents(step: StepRecord, trace: Trace, answeredAt: Date): AuditEventInput[] {
  const askedAt = new Date(answeredAt.getTime() - step.modelLatencyMs).toISOString();
  // The reply is the last message appended so far; everything before it is what the model was sent.
  const sent = [...trace.input, ...trace.output.slice(0, -1)];
  const reply = trace.output.at(-1);
  const routing: RoutingDecisionData = { step: step.index, exposedTools: step.exposedTools, ...(step.routing ? { routing: step.routing } : {}) };
  const model: ModelStepData = {
    step: step.index,
    model: trace.model,
    input: { count: sent.length, digest: digestOf(sent) },
    output: { digest: digestOf(reply ?? null), textChars: step.text.length, toolCalls: step.proposedCalls.map((call) => ({ id: String(call.id), name: String(call.name) })) },
    finishReason: step.finishReason,
    usage: step.usage,
    latencyMs: step.modelLatencyMs,
  };
  return [
    { type: "routing.decision", traceId: trace.id, at: askedAt, data: json(routing) },
    { type: "model.step", traceId: trace.id, at: answeredAt.toISOString(), data: json(model) },
  ];
}

export function callProposedEvent(call: CallRecord, sensitive: readonly string[]): AuditEventInput {
  const data: CallProposedData = {
    step: call.step,
    index: call.index,
    modelCallId: call.proposed.id,
    name: call.proposed.name,
    arguments: call.proposed.arguments,
    toolName: call.toolName,
    toolDigest: call.toolDigest,
    area: call.area,
    risk: call.risk,
    callDigest: call.callDigest,
    decodedArguments: call.arguments,
    repairs: call.repairs,
    ...(call.taint && call.taint.length > 0 ? { taint: call.taint } : {}),
    ...(call.provenance && call.provenance.length > 0 ? { provenance: call.provenance } : {}),
    ...(call.principal ? { principal: call.principal } : {}),
  };
  const stored = json(data);
  const redact: string[] = [];
  if (sensitive.length > 0) {
    // A pointer cannot reach inside a string, so text that holds the arguments (the raw text, each repair's before
    // and after) is redacted whole; the decoded arguments keep everything but the sensitive fields.
    redact.push("/arguments");
    call.repairs.forEach((_, position) => redact.push(`/repairs/${position}/original`, `/repairs/${position}/repaired`));
    for (const pointer of sensitive) {
      if (pointerExists(stored, `/decodedArguments${pointer}`)) redact.push(`/decodedArguments${pointer}`);
    }
    // A value found inside free text is a copy of part of the arguments: kept out like them.
    (call.provenance ?? []).forEach((entry, position) => {
      if (entry.value !== undefined && sensitive.some((pointer) => entry.path === pointer || entry.path.startsWith(`${pointer}/`))) redact.push(`/provenance/${position}/value`);
    });
  }
  return { type: "call.proposed", traceId: call.traceId, callId: call.id, at: call.startedAt, data: stored, ...(redact.length > 0 ? { redact } : {}) };
}

/** Verdicts `from` onwards; each is stamped with the time its stage ended (the call's start plus the stages so far). */
export function callVerdictEvents(call: CallRecord, from = 0): AuditEventInput[] {
  const started = Date.parse(call.startedAt);
  let elapsedUs = 0;
  const events: AuditEventInput[] = [];
  call.verdicts.forEach((verdict, position) => {
    elapsedUs += verdict.durationUs;
    if (position < from) return;
    const detail = isObject(verdict.detail) ? verdict.detail : undefined;
    const data: CallVerdictData = {
      step: call.step,
      index: call.index,
      position,
      stage: verdict.stage,
      outcome: verdict.outcome,
      durationUs: verdict.durationUs,
      reason: verdict.reason,
      ruleId: verdict.ruleId,
      detail: verdict.detail,
      ...(verdict.stage === "approval"
        ? {
            approver: typeof detail?.approver === "string" ? detail.approver : undefined,
            // A refused approval binds to nothing; the digest of the call it was asked about is what it refused.
            callDigest: typeof detail?.callDigest === "string" ? detail.callDigest : call.callDigest,
          }
        : {}),
    };
    events.push({ type: "call.verdict", traceId: call.traceId, callId: call.id, at: new Date(started + elapsedUs / 1000).toISOString(), data: json(data) });
  });
  return events;
}

/** The call's end: what ran (or that nothing did) and the outcome the model received, then any declared effects. */
export function callOutcomeEvents(call: CallRecord, sensitive: readonly string[]): AuditEventInput[] {
  const at = new Date(Date.parse(call.startedAt) + call.durationMs).toISOString();
  const executed: CallExecutedData = {
    step: call.step,
    index: call.index,
    toolName: call.toolName,
    status: call.status,
    ran: call.execution !== undefined,
    execution: call.execution,
    durationMs: call.durationMs,
    outcome: call.outcome,
  };
  const stored = json(executed);
  // An error may quote the offending value back to the model; for a tool with sensitive fields, those quotes go.
  const redact = sensitive.length > 0 ? receivedPointers(stored) : [];
  const events: AuditEventInput[] = [
    { type: "call.executed", traceId: call.traceId, callId: call.id, at, data: stored, ...(redact.length > 0 ? { redact } : {}) },
  ];
  if (call.execution) {
    const effects: CallEffectsData = { step: call.step, index: call.index, toolName: call.toolName, effects: call.effects };
    events.push({ type: "call.effects", traceId: call.traceId, callId: call.id, at, data: json(effects) });
  }
  return events;
}

export function runFinishedEvent(trace: Trace): AuditEventInput {
  const data: RunFinishedData = {
    model: trace.model,
    stopReason: trace.stopReason,
    usage: trace.usage,
    durationMs: trace.durationMs,
    steps: trace.steps.length,
    calls: trace.calls.length,
    rejected: trace.calls.filter((call) => call.status === "rejected").length,
    failed: trace.calls.filter((call) => call.status === "failed").length,
    error: trace.error,
    outputDigest: digestOf(trace.output),
    textDigest: digestOf(trace.text),
  };
  return { type: "run.finished", traceId: trace.id, at: trace.finishedAt, data: json(data) };
}

/** Plain JSON: drops undefined members, so what is hashed is exactly what is stored. */
function json(value: object): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function pointerExists(root: JsonValue, pointer: string): boolean {
  let node: JsonValue | undefined = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = /^\d+$/.test(key) ? node[Number(key)] : undefined;
    else if (isObject(node)) node = Object.hasOwn(node, key) ? node[key] : undefined;
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

function receivedPointers(data: JsonValue): string[] {
  const error = isObject(data) && isObject(data.outcome) && isObject(data.outcome.error) ? data.outcome.error : undefined;
  if (!error) return [];
  const pointers = typeof error.received === "string" ? ["/outcome/error/received"] : [];
  if (Array.isArray(error.issues)) {
    error.issues.forEach((issue, position) => {
      if (isObject(issue) && issue.received !== undefined) pointers.push(`/outcome/error/issues/${position}/received`);
    });
  }
  return pointers;
}
