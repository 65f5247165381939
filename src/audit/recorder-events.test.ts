// Building audit events from a CallRecord and a Trace: timestamps, approval binding, redaction pointers.
import { describe, expect, it } from "vitest";
import type { CallRecord, Trace } from "../record/index.js";
import { callOutcomeEvents, callProposedEvent, callVerdictEvents, modelStepEvents } from "./recorder-events.js";

const call = (overrides: Partial<CallRecord> = {}): CallRecord => ({
  id: "call-1",
  traceId: "trace-1",
  step: 1,
  index: 2,
  proposed: { id: "m-1", name: "issue_refund", arguments: '{"amount":5,"card":"4111"}' },
  toolName: "issue_refund",
  callDigest: "sha256:abc",
  arguments: { amount: 5, card: "4111" },
  repairs: [],
  verdicts: [
    { stage: "decode", outcome: "pass", durationUs: 1500 },
    { stage: "policy", outcome: "approval-required", durationUs: 500, ruleId: "approve", reason: "money" },
    { stage: "approval", outcome: "rejected", durationUs: 2_000_000, reason: "bob said no", ruleId: "approve", detail: { approver: "bob" } },
  ],
  effects: [],
  outcome: { ok: false, error: { code: "approval_denied", message: "bob said no" } },
  status: "rejected",
  startedAt: "2026-01-01T00:00:00.000Z",
  durationMs: 2002,
  ...overrides,
});

describe("recorder events", () => {
  it("stamps each verdict with the end of its stage, and binds a refused approval to the digest it was asked about", () => {
    const events = callVerdictEvents(call());
    expect(events.map((event) => event.at)).toEqual(["2026-01-01T00:00:00.001Z", "2026-01-01T00:00:00.002Z", "2026-01-01T00:00:02.002Z"]);
    expect(events[2]).toMatchObject({ type: "call.verdict", callId: "call-1", data: { position: 2, stage: "approval", approver: "bob", callDigest: "sha256:abc", step: 1, index: 2 } });
    expect(callVerdictEvents(call(), 2)).toHaveLength(1);
  });

  it("ends a refused call with what the model was told and no effects event", () => {
    const events = callOutcomeEvents(call(), []);
    expect(events).toEqual([
      { type: "call.executed", traceId: "trace-1", callId: "call-1", at: "2026-01-01T00:00:02.002Z", data: { step: 1, index: 2, toolName: "issue_refund", status: "rejected", ran: false, durationMs: 2002, outcome: { ok: false, error: { code: "approval_denied", message: "bob said no" } } } },
    ]);
  });

  it("asks for no redaction when the tool declares nothing sensitive, and only for pointers that exist", () => {
    expect(callProposedEvent(call(), []).redact).toBeUndefined();
    expect(callProposedEvent(call(), ["/card", "/missing"]).redact).toEqual(["/arguments", "/decodedArguments/card"]);
  });

  it("stamps the routing decision when the model was asked and the step when it answered, with digests, not text", () => {
    const trace = {
      id: "trace-1", model: "llama:default", input: [{ role: "user", content: "secret question" }],
      output: [{ role: "assistant", content: "secret answer" }],
    } as unknown as Trace;
    const step = { index: 0, text: "secret answer", proposedCalls: [], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, modelLatencyMs: 250, latencyMs: 250, exposedTools: ["a"] } as const;
    const [routing, model] = modelStepEvents({ ...step, proposedCalls: [], exposedTools: ["a"] }, trace, new Date("2026-01-01T00:00:01.000Z"));
    expect(routing).toMatchObject({ type: "routing.decision", at: "2026-01-01T00:00:00.750Z", data: { step: 0, exposedTools: ["a"] } });
    expect(model).toMatchObject({ type: "model.step", at: "2026-01-01T00:00:01.000Z", data: { input: { count: 1 }, output: { textChars: 13 }, latencyMs: 250 } });
    expect(JSON.stringify(model)).not.toContain("secret");
  });
});
