// Summaries count calls and rejections from call.* events and take model, times and stop reason from the run events.
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../record/index.js";
import { summariseTrace, summariseTraces } from "./trace-summary.js";
import type { AuditEvent, AuditEventType } from "./types.js";

let seq = 0;
const event = (type: AuditEventType, traceId: string, data: JsonValue, callId?: string): AuditEvent => ({
  seq: ++seq,
  schemaVersion: 1,
  type,
  traceId,
  ...(callId === undefined ? {} : { callId }),
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  data,
  redacted: [],
  prevHash: "",
  hash: "",
});

describe("summariseTrace", () => {
  it("reads model, times, stop reason, calls and rejections", () => {
    const events = [
      event("run.started", "t1", { model: "openai:gpt-4o-mini" }),
      event("call.proposed", "t1", { name: "refund" }, "c1"),
      event("call.verdict", "t1", { stage: "validate", outcome: "pass" }, "c1"),
      event("call.executed", "t1", { status: "succeeded" }, "c1"),
      event("call.proposed", "t1", { name: "delete" }, "c2"),
      event("call.verdict", "t1", { stage: "policy", outcome: "deny" }, "c2"),
      event("call.proposed", "t1", { name: "x" }, "c3"),
      event("call.executed", "t1", { status: "rejected" }, "c3"),
      event("call.proposed", "t1", { name: "slow" }, "c4"),
      event("call.executed", "t1", { status: "failed" }, "c4"),
      event("run.finished", "t1", { stopReason: "no-tool-calls" }),
    ];
    expect(summariseTrace("t1", [...events].reverse())).toEqual({
      traceId: "t1",
      startedAt: events[0]!.at,
      finishedAt: events[10]!.at,
      model: "openai:gpt-4o-mini",
      stopReason: "no-tool-calls",
      calls: 4,
      rejected: 2,
      firstSeq: events[0]!.seq,
    });
  });

  it("summarises a run still in progress without a finish", () => {
    const started = event("run.started", "t2", {});
    const summary = summariseTrace("t2", [started, event("call.proposed", "t2", {}, "c1")]);
    expect(summary).toEqual({ traceId: "t2", startedAt: started.at, calls: 1, rejected: 0, firstSeq: started.seq });
  });

  it("keeps the requested order across traces", () => {
    const a = event("run.started", "a", {});
    const b = event("run.started", "b", {});
    expect(summariseTraces(["b", "a"], [a, b]).map((summary) => summary.traceId)).toEqual(["b", "a"]);
  });
});
