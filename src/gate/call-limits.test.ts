// Issue 11 §8: calls per step and per run are capped by default, and writes/privileged calls are rate-limited per principal.
import { afterEach, describe, expect, it } from "vitest";
import { runAgent } from "../agent/run-agent.js";
import { scriptedModel } from "../model/scripted.js";
import { approverFrom } from "../policy/approvers.js";
import { defaultPolicy } from "../policy/engine/default-policy.js";
import { openCounterStore } from "../policy/index.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import { tempDirs } from "../cli/test-support/temp-dir.js";
import { join } from "node:path";
import { createGate } from "./gate.js";
import { memorySink } from "./sinks.js";

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

function outbox() {
  const sent: string[] = [];
  const sendEmail = defineTool({
    name: "send_email",
    description: "Send an e-mail.",
    area: "email",
    risk: "write",
    input: { type: "object", properties: { to: { type: "string" } }, required: ["to"] },
    execute: (args: { to: string }) => {
      sent.push(args.to);
      return { sent: true };
    },
  });
  const refund = defineTool({ name: "refund", description: "Refund.", area: "billing", risk: "privileged", input: { type: "object" }, execute: () => ({ ok: true }) });
  return { sent, registry: createToolRegistry({ tools: [sendEmail, refund] }) };
}

const emails = (count: number, from = 0) => Array.from({ length: count }, (_, index) => ({ name: "send_email", arguments: JSON.stringify({ to: `victim-${from + index}@example.test` }) }));

describe("call caps", () => {
  // Even with every approval granted (a person who clicks yes), only the first 32 calls of the step run.
  const rubberStamp = approverFrom("rubber-stamp", () => true);

  it("the issue's repro: 1,000 send_email calls in one step under the default policy — 32 run, the rest get a structured error, all recorded", async () => {
    const { sent, registry } = outbox();
    const sink = memorySink();
    const trace = await runAgent({ model: scriptedModel([{ toolCalls: emails(1000) }, "done"]), tools: registry, messages: [{ role: "user", content: "mail everyone" }], policy: defaultPolicy(), approver: rubberStamp, sink, maxParallelCalls: 8 });
    expect(sent).toHaveLength(32);
    expect(trace.calls).toHaveLength(1000);
    expect(sink.records).toHaveLength(1000);
    const refused = trace.calls.filter((call) => call.status === "rejected");
    expect(refused).toHaveLength(968);
    expect(refused[0]!.outcome).toMatchObject({ ok: false, error: { code: "limit_exceeded", expected: "at most 32 calls per step", message: expect.stringContaining("Propose the rest in a later step") } });
    expect(refused[0]!.verdicts).toEqual([expect.objectContaining({ stage: "policy", outcome: "deny", ruleId: "limit:calls-per-step", detail: { max: 32, proposed: 33, step: 0 } })]);
    // Nothing about the refused calls ran: no execute verdict, no effects.
    expect(refused.every((call) => call.execution === undefined && call.effects.length === 0)).toBe(true);
  });

  it("caps a run across steps, and lets each new step start its own count", async () => {
    const { sent, registry } = outbox();
    const steps = [{ toolCalls: emails(3, 0) }, { toolCalls: emails(3, 3) }, { toolCalls: emails(3, 6) }, "done"];
    const trace = await runAgent({ model: scriptedModel(steps), tools: registry, messages: [{ role: "user", content: "go" }], callCaps: { perStep: 3, perRun: 7 }, rateLimits: [] });
    expect(sent).toHaveLength(7);
    expect(trace.calls.filter((call) => call.status === "rejected").map((call) => call.verdicts[0]!.ruleId)).toEqual(["limit:calls-per-run", "limit:calls-per-run"]);
    expect(trace.calls.at(-1)!.outcome).toMatchObject({ ok: false, error: { code: "limit_exceeded", message: expect.stringContaining("limit of 7 calls") } });
  });

  it("can be turned off", async () => {
    const { sent, registry } = outbox();
    await runAgent({ model: scriptedModel([{ toolCalls: emails(40) }, "done"]), tools: registry, messages: [{ role: "user", content: "go" }], callCaps: false, rateLimits: [], maxParallelCalls: 8 });
    expect(sent).toHaveLength(40);
  });
});

describe("default rate limits per principal", () => {
  it("refuse the 121st write and the 21st privileged call of a principal within a minute, across runs sharing one counter file", async () => {
    const { sent, registry } = outbox();
    const counters = await openCounterStore(`sqlite:${join(dirs.make(), "limits.db")}`);
    try {
      const clock = () => new Date("2026-12-07T12:00:30Z");
      const context = (traceId: string) => ({ traceId, step: 0, index: 0, signal: new AbortController().signal, principal: { id: "alice" } });
      // Two gates (two processes' worth) on one counter file; caps off so only the rate limit is in play.
      const gates = [0, 1].map(() => createGate({ registry, limitCounters: counters, callCaps: false, now: clock }));
      const writes = await Promise.all(Array.from({ length: 125 }, (_, index) => gates[index % 2]!.handle({ id: String(index), name: "send_email", arguments: `{"to":"a${index}@x.test"}` }, context(`t${index}`))));
      expect(sent).toHaveLength(120);
      const refused = writes.filter((call) => call.status === "rejected");
      expect(refused).toHaveLength(5);
      expect(refused[0]!.outcome).toMatchObject({ ok: false, error: { code: "limit_exceeded", message: expect.stringContaining("limit limit:writes-per-principal reached: 120 of 120 calls per 1m used by principal alice") } });
      const privileged = [];
      for (let index = 0; index < 21; index++) privileged.push(await gates[0]!.handle({ id: `p${index}`, name: "refund", arguments: "{}" }, context("p")));
      expect(privileged.filter((call) => call.status === "succeeded")).toHaveLength(20);
      expect(privileged[20]!.verdicts.at(-1)).toMatchObject({ stage: "policy", outcome: "deny", ruleId: "limit:privileged-per-principal" });
      // Another principal has its own budget.
      const bob = await gates[1]!.handle({ id: "b", name: "send_email", arguments: '{"to":"b@x.test"}' }, { ...context("b"), principal: { id: "bob" } });
      expect(bob.status).toBe("succeeded");
    } finally {
      await counters.close();
    }
  });
});
