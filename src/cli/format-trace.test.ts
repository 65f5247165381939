// The terminal views of a Trace: deciding verdicts per stage, the calls table and the summaries.
import { describe, expect, it } from "vitest";
import type { CallRecord, Trace, Verdict } from "../record/index.js";
import { decidingVerdict, formatCallsTable, formatMs, formatSummary, formatTurnSummary } from "./format-trace.js";

const pass = (stage: Verdict["stage"]): Verdict => ({ stage, outcome: "pass", durationUs: 5 });

function call(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    id: "c1",
    traceId: "t1",
    step: 0,
    index: 0,
    proposed: { id: "p1", name: "get_weather", arguments: "{}" },
    toolName: "get_weather",
    repairs: [],
    verdicts: ["decode", "resolve", "validate", "policy", "execute", "guard"].map((stage) => pass(stage as Verdict["stage"])),
    execution: { status: "ok", attempts: 1, durationMs: 2 },
    effects: [],
    outcome: { ok: true, result: null },
    status: "succeeded",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 2.345,
    ...overrides,
  };
}

function trace(calls: CallRecord[], overrides: Partial<Trace> = {}): Trace {
  return {
    id: "t1",
    model: "openai:test",
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:00:01.000Z",
    input: [],
    output: [],
    steps: [],
    calls,
    text: "",
    stopReason: "no-tool-calls",
    usage: { inputTokens: 40, outputTokens: 17, totalTokens: 57 },
    durationMs: 812.4,
    ...overrides,
  };
}

describe("decidingVerdict", () => {
  it("names the argument path and the expected type for a validation failure", () => {
    const record = call({
      status: "rejected",
      verdicts: [pass("decode"), pass("resolve"), { stage: "validate", outcome: "fail", durationUs: 3, reason: "invalid arguments for bank: /amount: must be integer" }],
      outcome: { ok: false, error: { code: "invalid_arguments", message: "invalid arguments for bank: /amount: must be integer", path: "/amount", expected: "integer" } },
    });
    expect(decidingVerdict(record)).toBe("validate: /amount expected integer");
  });

  it("falls back to the issue message when a refinement has no expectation", () => {
    const record = call({
      status: "rejected",
      verdicts: [pass("decode"), pass("resolve"), { stage: "validate", outcome: "fail", durationUs: 3 }],
      outcome: { ok: false, error: { code: "invalid_arguments", message: "invalid arguments for x: /end: must be after start; /b: other", path: "/end" } },
    });
    expect(decidingVerdict(record)).toBe("validate: /end must be after start");
  });

  it("shows the rule of a policy denial and the approver of a refusal or an approval", () => {
    const denied = call({ status: "rejected", verdicts: [pass("decode"), pass("resolve"), pass("validate"), { stage: "policy", outcome: "deny", durationUs: 1, ruleId: "risk:deny-privileged", reason: "no" }] });
    expect(decidingVerdict(denied)).toBe("policy: deny (risk:deny-privileged)");

    const refused = call({ status: "rejected", verdicts: [{ stage: "approval", outcome: "rejected", durationUs: 1, detail: { approver: "terminal" } }] });
    expect(decidingVerdict(refused)).toBe("approval: rejected by terminal");

    const approved = call({ verdicts: [{ stage: "approval", outcome: "approved", durationUs: 1, detail: { approver: "terminal", callDigest: "abc" } }, pass("execute")] });
    expect(decidingVerdict(approved)).toBe("approval: approved by terminal");
  });

  it("lists the closest names for an unknown tool, the tool's message for a failed run, and retries for a success", () => {
    const unknown = call({
      toolName: undefined,
      status: "rejected",
      verdicts: [pass("decode"), { stage: "resolve", outcome: "fail", durationUs: 1 }],
      outcome: { ok: false, error: { code: "unknown_tool", message: "no tool get_wether", availableTools: ["get_weather", "a", "b", "c"] } },
    });
    expect(decidingVerdict(unknown)).toBe("resolve: unknown tool (closest: get_weather, a, b)");

    const failed = call({ status: "failed", verdicts: [pass("validate"), { stage: "execute", outcome: "fail", durationUs: 1, reason: "get_weather failed: kaboom" }] });
    expect(decidingVerdict(failed)).toBe("execute: get_weather failed: kaboom");

    expect(decidingVerdict(call())).toBe("execute: ok");
    expect(decidingVerdict(call({ execution: { status: "ok", attempts: 3, durationMs: 9 } }))).toBe("execute: ok after 3 attempts");
  });
});

describe("formatCallsTable", () => {
  it("aligns columns, right-aligns milliseconds and uses the proposed name when the tool was never resolved", () => {
    const table = formatCallsTable([
      call(),
      call({
        step: 1,
        toolName: undefined,
        proposed: { id: "p2", name: "get_wether", arguments: "{}" },
        status: "rejected",
        verdicts: [pass("decode"), { stage: "resolve", outcome: "fail", durationUs: 1 }],
        outcome: { ok: false, error: { code: "unknown_tool", message: "unknown" } },
        durationMs: 123.6,
      }),
    ]);
    expect(table.split("\n")).toEqual([
      "step  tool         status     verdict                 ms",
      "0     get_weather  succeeded  execute: ok            2.3",
      "1     get_wether   rejected   resolve: unknown tool  124",
    ]);
  });

  it("cuts long verdicts to one short line", () => {
    const long = call({ status: "failed", verdicts: [{ stage: "execute", outcome: "fail", durationUs: 1, reason: `boom\n${"x".repeat(200)}` }] });
    const row = formatCallsTable([long]).split("\n")[1]!;
    expect(row).toContain("execute: boom xxx");
    expect(row).toContain("…");
    expect(row.length).toBeLessThan(120);
  });
});

describe("summaries", () => {
  it("formats milliseconds with one decimal below 100", () => {
    expect([formatMs(0.04), formatMs(2.345), formatMs(99.94), formatMs(812.4)]).toEqual(["0", "2.3", "99.9", "812"]);
  });

  it("sums up a run on one line", () => {
    expect(formatSummary(trace([call()], { steps: [{} as Trace["steps"][number], {} as Trace["steps"][number]] }))).toBe(
      "2 steps · 1 call · 57 tokens · stop: no-tool-calls · 812 ms",
    );
  });

  it("lists each call of a chat turn with its status", () => {
    const refused = call({ toolName: "bank.transfer", status: "rejected", verdicts: [{ stage: "policy", outcome: "deny", durationUs: 1, ruleId: "r1" }] });
    expect(formatTurnSummary(trace([call(), refused]))).toBe(
      "[get_weather ok, bank.transfer rejected (policy: deny (r1)) · 0 steps · 2 calls · 57 tokens · stop: no-tool-calls · 812 ms]",
    );
    expect(formatTurnSummary(trace([], { stopReason: "aborted" }))).toBe("[0 steps · 0 calls · 57 tokens · stop: aborted · 812 ms]");
  });
});
