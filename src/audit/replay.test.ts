// Replay: recorded calls re-decided against changed tools and policy, with the gate's stages and nothing executed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { approverFrom, riskPolicy } from "../policy/index.js";
import { testTools } from "../test-support/tools.js";
import { createToolRegistry, defineTool } from "../tool/index.js";
import type { TempAuditStore } from "./recorder-fixture.js";
import { recordScriptedRun, tempAuditStore } from "./recorder-fixture.js";
import { ReplayError, replayTrace } from "./replay.js";

let temp: TempAuditStore;
beforeEach(async () => {
  temp = await tempAuditStore();
});
afterEach(async () => {
  await temp.remove();
});

async function recordedRun() {
  const tools = testTools();
  const recorded = await recordScriptedRun(
    temp.store,
    tools.registry,
    [{ toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }, { name: "bank_transfer", arguments: '{"to":"acct-9","amount":5}' }, { name: "get_weather", arguments: '{"city":""}' }] }, "done"],
    { policy: riskPolicy(), approver: approverFrom("alice", () => true) },
  );
  return { ...recorded, tools };
}

describe("replayTrace", () => {
  it("finds nothing changed when tools and policy are the same", async () => {
    const { events, tools } = await recordedRun();
    const executedBefore = tools.executed.length;
    const report = await replayTrace(events, { registry: tools.registry, policy: riskPolicy() });
    expect(report.changed).toBe(0);
    expect(report.calls.map((call) => [call.number, call.name, call.recorded.summary, call.today.summary])).toEqual([
      [1, "get_weather", "succeeded", "would run"],
      [2, "bank.transfer", "succeeded (approval approved by alice)", "would require approval (rule risk:approve-privileged)"],
      [3, "get_weather", "rejected (validation fails at /city: expected at least 1 characters)", "validation fails at /city: expected at least 1 characters"],
    ]);
    expect(tools.executed).toHaveLength(executedBefore);
  });

  it("shows a call the policy would now deny, and runs nothing", async () => {
    const { events, tools } = await recordedRun();
    const executedBefore = [...tools.executed];
    const report = await replayTrace(events, { registry: tools.registry, policy: riskPolicy({ deny: ["privileged"] }) });
    expect(report.changed).toBe(1);
    expect(report.calls[1]!.changes).toEqual(["recorded succeeded (approval approved by alice) → today: policy deny (rule risk:deny-privileged)"]);
    expect(report.calls[1]!.today.decision).toMatchObject({ kind: "refused", stage: "policy", ruleId: "risk:deny-privileged" });
    expect(tools.executed).toEqual(executedBefore);
  });

  it("names a changed tool definition and the path where validation now fails", async () => {
    const { events } = await recordedRun();
    const stricter = defineTool({
      name: "get_weather", description: "Current weather for a city, by country.", area: "weather", risk: "read",
      input: z.object({ city: z.string().min(1), country: z.string().length(2) }),
      execute: () => {
        throw new Error("replay must not execute tools");
      },
    });
    const report = await replayTrace(events, { registry: createToolRegistry({ tools: [stricter] }), policy: riskPolicy() });
    const [first, transfer] = report.calls;
    expect(first!.changes[0]).toMatch(/^recorded succeeded → today: validation fails at \/country/);
    expect(first!.changes).toContainEqual(expect.stringMatching(/^tool digest changed: sha256:[0-9a-f]{12}… → sha256:[0-9a-f]{12}…$/));
    expect(first!.changes).toContainEqual(expect.stringMatching(/^validation now fails at \/country/));
    expect(transfer!.today.summary).toBe("unknown tool");
    expect(transfer!.changes).toContain("tool bank.transfer no longer exists");
  });

  it("replays a sensitive tool's call from its decoded arguments, skipping the redacted fields", async () => {
    const setPin = defineTool({
      name: "set_pin", description: "Sets a card PIN.", area: "cards", risk: "write", sensitive: ["/pin"],
      input: z.object({ card: z.string(), pin: z.string().regex(/^\d{4}$/) }),
      execute: () => ({ ok: true }),
    });
    const registry = createToolRegistry({ tools: [setPin] });
    const { events } = await recordScriptedRun(temp.store, registry, [{ toolCalls: [{ name: "set_pin", arguments: '{"card":"c-1","pin":"4821"}' }] }, "ok"]);
    const report = await replayTrace(events, { registry, policy: riskPolicy() });
    expect(report.calls[0]).toMatchObject({ changes: [], today: { summary: "would run" } });
    expect(report.calls[0]!.notes).toEqual(["the argument text was redacted; replayed from the decoded arguments", "redacted fields (/pin) could not be re-validated"]);
  });

  it("says which trace it could not find", async () => {
    await expect(replayTrace([], { registry: testTools().registry })).rejects.toThrow(ReplayError);
  });
});
