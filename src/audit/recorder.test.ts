// The recorder against a real SQLite store: event order per call, durability before execution, redaction, failure.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { approverFrom } from "../policy/index.js";
import type { Policy } from "../policy/index.js";
import { testTools } from "../test-support/tools.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import type { AuditEvent, AuditStore } from "./index.js";
import type { CallProposedData, CallVerdictData } from "./recorder-events.js";
import type { TempAuditStore } from "./test-support/recorded-runs.js";
import { recordScriptedRun, tempAuditStore } from "./test-support/recorded-runs.js";

let temp: TempAuditStore;
beforeEach(async () => {
  temp = await tempAuditStore();
});
afterEach(async () => {
  await temp.remove();
});

/** `type` for run events, `type stage:outcome` for verdicts: the order a reader of the chain sees. */
const shape = (events: AuditEvent[]) =>
  events.map((event) => (event.type === "call.verdict" ? `verdict ${(event.data as unknown as CallVerdictData).stage}:${(event.data as unknown as CallVerdictData).outcome}` : event.type));

describe("auditRecorder", () => {
  it("records a succeeded call's proposal and verdicts before the tool runs, then its outcome and effects", async () => {
    const seenInside: string[][] = [];
    const probe = defineTool({
      name: "probe", description: "Reads the audit trail while running.", area: "misc", risk: "write",
      input: z.object({ note: z.string() }),
      execute: async ({ note }, context) => {
        seenInside.push(shape(await temp.store.read({ traceId: context.traceId })));
        context.recordEffect({ kind: "note.written", target: note });
        return { stored: note };
      },
    });
    const { trace, events } = await recordScriptedRun(temp.store, createToolRegistry({ tools: [probe] }), [
      { toolCalls: [{ name: "probe", arguments: '{"note":"hello"}' }] },
      "done",
    ]);

    expect(trace.stopReason).toBe("no-tool-calls");
    // Inside execute, the proposal and every verdict up to policy are already durable; the outcome is not there yet.
    expect(seenInside).toEqual([[
      "run.started", "routing.decision", "model.step",
      "call.proposed", "verdict decode:pass", "verdict resolve:pass", "verdict validate:pass", "verdict policy:pass",
    ]]);
    expect(shape(events)).toEqual([
      "run.started", "routing.decision", "model.step",
      "call.proposed", "verdict decode:pass", "verdict resolve:pass", "verdict validate:pass", "verdict policy:pass",
      "verdict execute:pass", "verdict guard:pass", "call.executed", "call.effects",
      "routing.decision", "model.step", "run.finished",
    ]);
    const call = trace.calls[0]!;
    const byType = (type: string) => events.filter((event) => event.type === type);
    expect(byType("call.proposed")[0]).toMatchObject({
      callId: call.id,
      at: call.startedAt,
      data: { step: 0, index: 0, name: "probe", modelCallId: call.proposed.id, arguments: '{"note":"hello"}', toolName: "probe", toolDigest: call.toolDigest, callDigest: call.callDigest, decodedArguments: { note: "hello" } },
    });
    expect(byType("call.executed")[0]).toMatchObject({ callId: call.id, data: { status: "succeeded", ran: true, execution: { status: "ok", attempts: 1 }, outcome: { ok: true, result: { stored: "hello" } } } });
    expect(byType("call.effects")[0]).toMatchObject({ data: { toolName: "probe", effects: [{ kind: "note.written", target: "hello" }] } });
    expect(byType("model.step")[0]).toMatchObject({ data: { step: 0, finishReason: "tool-calls", usage: { totalTokens: 15 }, output: { toolCalls: [{ id: call.proposed.id, name: "probe" }] } } });
    expect(byType("routing.decision")[0]).toMatchObject({ data: { step: 0, exposedTools: ["probe"] } });
    expect(byType("run.started")[0]).toMatchObject({ at: trace.startedAt, data: { input: { count: 1 } } });
    expect(byType("run.finished")[0]).toMatchObject({ at: trace.finishedAt, data: { stopReason: "no-tool-calls", calls: 1, rejected: 0, failed: 0, usage: { totalTokens: trace.usage.totalTokens } } });
    // Verdict times run forward from the call's start.
    const times = events.filter((event) => event.callId === call.id).map((event) => Date.parse(event.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("records a rejected call whole when it ends, with the refusal the model received and no effects", async () => {
    const { registry, executed } = testTools();
    const { trace, events } = await recordScriptedRun(temp.store, registry, [
      { toolCalls: [{ name: "bank_transfer", arguments: '{"to":"x","amount":-5}' }] },
      "ok",
    ]);
    expect(executed).toEqual([]);
    const call = events.filter((event) => event.callId === trace.calls[0]!.id);
    expect(shape(call)).toEqual(["call.proposed", "verdict decode:pass", "verdict resolve:pass", "verdict validate:fail", "call.executed"]);
    expect(call.at(-1)).toMatchObject({ data: { status: "rejected", ran: false, outcome: { ok: false, error: { code: "invalid_arguments", path: "/amount" } } } });
    expect(call[0]).toMatchObject({ data: { name: "bank_transfer", toolName: "bank.transfer" } });
  });

  it("records a policy denial with its rule, and an approval with the approver and the digest it binds", async () => {
    const { registry } = testTools();
    const policy: Policy = {
      evaluate: (input) => (input.toolName === "explode" ? { effect: "deny", reason: "disabled", ruleId: "no-explode" } : input.risk === "privileged" ? { effect: "require-approval", reason: "moves money", ruleId: "approve-money" } : { effect: "allow" }),
    };
    const { trace, events } = await recordScriptedRun(
      temp.store, registry,
      [{ toolCalls: [{ name: "explode", arguments: "{}" }, { name: "bank_transfer", arguments: '{"to":"acct-9","amount":5}' }] }, "ok"],
      { policy, approver: approverFrom("alice", () => true) },
    );
    const [denied, approved] = trace.calls;
    const verdictsOf = (callId: string) => events.filter((event) => event.callId === callId && event.type === "call.verdict").map((event) => event.data as unknown as CallVerdictData);
    expect(verdictsOf(denied!.id).at(-1)).toMatchObject({ stage: "policy", outcome: "deny", ruleId: "no-explode", reason: expect.stringContaining("disabled") });
    expect(verdictsOf(approved!.id).map((verdict) => `${verdict.stage}:${verdict.outcome}`)).toEqual([
      "decode:pass", "resolve:pass", "validate:pass", "policy:approval-required", "approval:approved", "execute:pass", "guard:pass",
    ]);
    expect(verdictsOf(approved!.id).find((verdict) => verdict.stage === "approval")).toMatchObject({ approver: "alice", callDigest: approved!.callDigest, ruleId: "approve-money" });
    expect(events.find((event) => event.callId === approved!.id && event.type === "call.effects")).toMatchObject({ data: { effects: [{ kind: "money.transfer", target: "acct-9" }] } });
  });

  it("records a failed call: the execution error, the attempts, and what it declared before failing", async () => {
    const { registry } = testTools();
    const { trace, events } = await recordScriptedRun(temp.store, registry, [{ toolCalls: [{ name: "explode", arguments: "{}" }] }, "sorry"]);
    const call = events.filter((event) => event.callId === trace.calls[0]!.id);
    expect(shape(call)).toEqual(["call.proposed", "verdict decode:pass", "verdict resolve:pass", "verdict validate:pass", "verdict policy:pass", "verdict execute:fail", "call.executed", "call.effects"]);
    expect(call.find((event) => event.type === "call.executed")).toMatchObject({
      data: { status: "failed", ran: true, execution: { status: "error", attempts: 1, error: { message: "kaboom" } }, outcome: { ok: false, error: { code: "tool_error" } } },
    });
  });

  it("redacts the tool's sensitive fields: the raw argument text whole, the decoded fields one by one, and quoted values", async () => {
    const setPin = defineTool({
      name: "set_pin", description: "Sets a card PIN.", area: "cards", risk: "write", sensitive: ["/pin"],
      input: z.object({ card: z.string(), pin: z.string().regex(/^\d{4}$/) }),
      execute: () => ({ ok: true }),
    });
    const registry = createToolRegistry({ tools: [setPin] });
    const { trace, events } = await recordScriptedRun(temp.store, registry, [
      {
        toolCalls: [
          { name: "set_pin", arguments: '{"card":"c-1","pin":"4821"}' },
          { name: "set_pin", arguments: '{"card":"c-2","pin":"48x"}' },
          { name: "set_pin", arguments: '{"card":"c-3","pin":"9999"' },
          { name: "set_pin", arguments: "pin 7777 card c-4" },
        ],
      },
      "ok",
    ]);
    expect(trace.calls.map((call) => call.status)).toEqual(["succeeded", "rejected", "succeeded", "rejected"]);
    const stored = JSON.stringify(events);
    // Digits alone also turn up inside hashes and ids, so look for a secret as a value: followed by a (possibly escaped) quote.
    for (const secret of ["4821", "48x", "9999"]) expect(stored).not.toMatch(new RegExp(`${secret}\\\\?"`));
    expect(stored).not.toContain("pin 7777");

    const [ran, invalid, repaired, undecodable] = trace.calls.map((call) => events.filter((event) => event.callId === call.id));
    const proposedOf = (list: AuditEvent[] | undefined) => list!.find((event) => event.type === "call.proposed")!;
    expect(proposedOf(ran).redacted).toEqual(["/arguments", "/decodedArguments/pin"]);
    const data = proposedOf(ran).data as unknown as CallProposedData;
    expect(data.decodedArguments).toMatchObject({ card: "c-1", pin: { $redacted: expect.stringMatching(/^sha256:/) } });
    expect(data.arguments).toMatchObject({ $redacted: expect.stringMatching(/^sha256:/) });
    // The validation error quoted the bad PIN back to the model; the record keeps the pointer, not the value.
    expect(invalid!.find((event) => event.type === "call.executed")!.redacted).toContain("/outcome/error/received");
    // A repair holds the argument text before and after, so both go too.
    expect(proposedOf(repaired).redacted).toEqual(["/arguments", "/decodedArguments/pin", "/repairs/0/original", "/repairs/0/repaired"]);
    // Text that never decoded never reached resolve: the registry still says which tool was meant, and that its fields are sensitive.
    expect(proposedOf(undecodable).redacted).toEqual(expect.arrayContaining(["/arguments", "/repairs/0/original"]));
  });

  it("stops the run before the tool runs when the store cannot take the authorisation", async () => {
    const { registry, executed } = testTools();
    let appends = 0;
    const store = temp.store;
    const failing: AuditStore = {
      url: store.url,
      append: async (events) => {
        if (events.some((event) => event.type === "call.proposed")) throw new Error(`audit store ${store.url} is unreachable`);
        appends += 1;
        return store.append(events);
      },
      read: (query) => store.read(query),
      listTraces: (options) => store.listTraces(options),
      verify: () => store.verify(),
      checkpoint: () => store.checkpoint(),
      prune: (options) => store.prune(options),
      close: () => store.close(),
    };
    const trace = await recordScriptedRun(failing, registry, [{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] }, "never"]);
    expect(trace.trace).toMatchObject({ stopReason: "error", error: { message: expect.stringContaining("unreachable") } });
    expect(executed).toEqual([]);
    expect(appends).toBeGreaterThan(0);
  });
});
