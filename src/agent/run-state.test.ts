// Run states: which calls wait, what a resume must match, and refusing data that is not a run state.
import { describe, expect, it } from "vitest";
import type { CallRecord, Trace } from "../record/index.js";
import { testTools } from "../test-support/tools.js";
import { parseRunState, pausedRunState, pausedStepCalls, pendingApprovalOf, runOptionsDigest, RunStateError } from "./run-state.js";

const call = (index: number, verdicts: CallRecord["verdicts"]): CallRecord => ({
  id: `gate-${index}`,
  traceId: "t",
  step: 0,
  index,
  proposed: { id: `model-${index}`, name: "bank.transfer", arguments: "{}" },
  repairs: [],
  verdicts,
  effects: [],
  outcome: { ok: false, error: { code: "approval_required", message: "waiting" } },
  status: "rejected",
  startedAt: "2026-01-01T00:00:00Z",
  durationMs: 0,
});

describe("run state", () => {
  it("lists the calls waiting on an approval; the settled ones stay in the trace", () => {
    const waiting = call(1, [{ stage: "approval", outcome: "approval-required", durationUs: 0, detail: { pending: true, approvalId: "a1" } }]);
    const refused = call(0, [{ stage: "approval", outcome: "rejected", durationUs: 0, detail: { approver: "none" } }]);
    expect(pendingApprovalOf(waiting)).toBe("a1");
    expect(pendingApprovalOf(refused)).toBeUndefined();
    const trace = { id: "t", calls: [waiting, refused] } as unknown as Trace;
    const defences = { policy: "sha256:abc", taint: true, spotlighting: "datamark-v1:ˆ" };
    const state = pausedRunState({ trace, messages: [{ role: "user", content: "hi" }], step: 0, calls: [refused, waiting], optionsDigest: "d", defences });
    expect(state.pending).toEqual([{ index: 1, callId: "gate-1", approvalId: "a1", proposed: waiting.proposed }]);
    expect(state.defences).toEqual(defences);
    expect(pausedStepCalls(state).map((entry) => entry.id)).toEqual(["gate-0", "gate-1"]);
    expect(parseRunState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it("digests model, tool definitions and principal, and refuses what is not a state", () => {
    const { registry } = testTools();
    const base = runOptionsDigest({ modelId: "m", registry });
    expect(runOptionsDigest({ modelId: "m", registry })).toBe(base);
    expect(runOptionsDigest({ modelId: "m", registry, principal: { id: "u" } })).not.toBe(base);
    expect(runOptionsDigest({ modelId: "n", registry })).not.toBe(base);
    expect(() => parseRunState({ approval: "granted" })).toThrow(RunStateError);
    // A state from before defences were recorded cannot prove what a resume must match.
    expect(() => parseRunState({ version: 1, traceId: "t", step: 0, pending: [], messages: [], trace: {} })).toThrow(/did not record the defences/);
  });
});
